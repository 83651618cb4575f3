import type { Deployment } from './api';

// Pure: whether a cloud service serves a market, read off deployments whose status the server already
// computed at its own instant (the console never asks the browser's clock). The readiness verdict makes
// the same reading per product (src/modules/ecosystem/deployment.ts); this one is per service, to show why.

export type Reach =
  /** Live in at least one region the market allows. */
  | { kind: 'live'; regions: string[] }
  /** Not live in an allowed region yet, but planned in one: the soonest dated plan, else an undated one. */
  | { kind: 'planned'; region: string; liveFrom: string | null }
  /** Nothing live or planned where the market allows. */
  | { kind: 'none' };

export function serviceReach(
  service: string,
  deployments: readonly Deployment[],
  allowedRegions: readonly string[],
): Reach {
  const allowed = deployments.filter((d) => d.service === service && allowedRegions.includes(d.region));
  const live = allowedRegions.filter((region) => allowed.some((d) => d.region === region && d.status === 'live'));
  if (live.length > 0) return { kind: 'live', regions: live };
  const [plan] = allowed
    .filter((d) => d.status === 'planned')
    .sort(
      (a, b) =>
        (a.liveFrom ?? '9999-12-31').localeCompare(b.liveFrom ?? '9999-12-31') || a.region.localeCompare(b.region),
    );
  return plan ? { kind: 'planned', region: plan.region, liveFrom: plan.liveFrom } : { kind: 'none' };
}

/** The markets whose allowed regions include this one. */
export function marketsAllowing(region: string, markets: ReadonlyArray<{ code: string; allowedRegions: string[] }>) {
  return markets.filter((m) => m.allowedRegions.includes(region)).map((m) => m.code);
}
