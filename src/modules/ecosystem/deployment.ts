import type { FieldIssue } from '../../platform/errors.js';

// Pure: where a cloud service runs at an instant, read off its deployments' dates. Dates are ISO
// days in UTC: a deployment is live from the first instant of liveFrom and retired from the first
// instant of retiredOn; with no liveFrom it is planned without a date.

export type DeploymentStatus = 'planned' | 'live' | 'retired';

/** A service deployed to a region over time: what the ecosystem gate decides on. */
export interface Deployment {
  serviceCode: string;
  regionCode: string;
  liveFrom: string | null;
  retiredOn: string | null;
}

export interface ServiceAvailability {
  /** Live now in at least one allowed region. */
  live: boolean;
  /** Allowed regions where the service is live. */
  liveIn: string[];
  /** Regions where the service is live but the market does not allow. */
  liveElsewhere: string[];
  /** Planned deployments in allowed regions, dated or not. */
  plannedAllowed: Array<{ region: string; liveFrom: string | null }>;
  /** The earliest future liveFrom in an allowed region; null when none is dated. */
  earliest: string | null;
}

/** The first instant (UTC) of an ISO day. */
function startOf(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function deploymentStatus(
  d: { liveFrom: string | null; retiredOn: string | null },
  instant: Date,
): DeploymentStatus {
  const t = instant.getTime();
  if (d.retiredOn !== null && t >= startOf(d.retiredOn)) return 'retired';
  if (d.liveFrom !== null && t >= startOf(d.liveFrom)) return 'live';
  return 'planned';
}

export function serviceAvailability(
  serviceCode: string,
  deployments: readonly Deployment[],
  allowedRegions: readonly string[],
  instant: Date,
): ServiceAvailability {
  const allowed = new Set(allowedRegions);
  const liveIn = new Set<string>();
  const liveElsewhere = new Set<string>();
  const plannedAllowed: ServiceAvailability['plannedAllowed'] = [];
  for (const d of deployments) {
    if (d.serviceCode !== serviceCode) continue;
    const status = deploymentStatus(d, instant);
    if (status === 'live') (allowed.has(d.regionCode) ? liveIn : liveElsewhere).add(d.regionCode);
    else if (status === 'planned' && allowed.has(d.regionCode)) {
      plannedAllowed.push({ region: d.regionCode, liveFrom: d.liveFrom });
    }
  }
  // Dated plans first, soonest first; undated ones after, by region, so the answer is stable.
  plannedAllowed.sort(
    (a, b) =>
      (a.liveFrom ?? '9999-12-31').localeCompare(b.liveFrom ?? '9999-12-31') || a.region.localeCompare(b.region),
  );
  return {
    live: liveIn.size > 0,
    liveIn: allowedRegions.filter((r) => liveIn.has(r)),
    liveElsewhere: [...liveElsewhere].sort(),
    plannedAllowed,
    earliest: plannedAllowed.find((p) => p.liveFrom !== null)?.liveFrom ?? null,
  };
}

/** A deployment retires only after it went live: the table's check, said with field names. */
export function deploymentIssues(d: { liveFrom: string | null; retiredOn: string | null }): FieldIssue[] {
  if (d.retiredOn === null) return [];
  if (d.liveFrom === null) return [{ field: 'retiredOn', message: 'needs a liveFrom: only a live deployment retires' }];
  if (d.retiredOn <= d.liveFrom) {
    return [{ field: 'retiredOn', message: `must be after liveFrom (${d.liveFrom})` }];
  }
  return [];
}
