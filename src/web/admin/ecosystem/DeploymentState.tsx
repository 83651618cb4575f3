import { formatDay } from '../../format';
import type { Deployment } from './api';

/** "live since 1 Sep 2026", "planned for 1 Mar 2027", "planned, no date", "retired on 1 Oct 2025". */
export function deploymentText(d: Pick<Deployment, 'status' | 'liveFrom' | 'retiredOn'>): string {
  if (d.status === 'retired') return `retired on ${formatDay(d.retiredOn ?? '')}`;
  if (d.status === 'live') return `live since ${formatDay(d.liveFrom ?? '')}`;
  return d.liveFrom ? `planned for ${formatDay(d.liveFrom)}` : 'planned, no date';
}

const BADGE = { live: 'badge--on', planned: 'badge--warn', retired: 'badge--off' } as const;
const LABEL = { live: 'Live', planned: 'Planned', retired: 'Retired' } as const;

/** A deployment's status with the day that matters for it. */
export function DeploymentState({ deployment }: { deployment: Deployment }) {
  const day = deployment.status === 'retired' ? deployment.retiredOn : deployment.liveFrom;
  return (
    <span className="deployment-state">
      <span className={`badge ${BADGE[deployment.status]}`}>{LABEL[deployment.status]}</span>
      <span className="deployment-state__day">
        {day ? <time dateTime={day}>{formatDay(day)}</time> : <span className="muted">no date</span>}
      </span>
    </span>
  );
}
