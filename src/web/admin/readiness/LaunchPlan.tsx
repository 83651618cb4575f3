import { formatDay } from '../../format';
import type { PlanStep } from './api';
import { GATE_LABEL } from './state';

const ACTION_LABEL: Record<PlanStep['action'], string> = {
  list: 'List',
  obtain: 'Obtain',
  renew: 'Renew',
  deploy: 'Deploy',
  wait: 'Wait',
};

/** What would open the closed gates: steps someone must take, and steps that complete by themselves on a day. */
export function LaunchPlan({ plan }: { plan: PlanStep[] }) {
  if (plan.length === 0) return <p className="muted">Nothing to do: every gate is open.</p>;
  return (
    <ol className="plan">
      {plan.map((step) => (
        <li key={`${step.gate} ${step.action} ${step.subject}`} className={`plan__step plan__step--${step.action}`}>
          <span className="plan__action">{ACTION_LABEL[step.action]}</span>
          <span className="plan__text">
            {step.text}
            <span className="plan__meta muted">
              {GATE_LABEL[step.gate]}
              {step.on ? (
                <>
                  {' · on '}
                  <time dateTime={step.on}>{formatDay(step.on)}</time>
                </>
              ) : null}
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}
