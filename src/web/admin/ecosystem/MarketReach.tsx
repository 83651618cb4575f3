import type { AdminMarket } from '../../api';
import { formatDay } from '../../format';
import type { CloudService, Deployment } from './api';
import { type Reach, serviceReach } from './reach';
import { ServiceMatrix } from './ServiceMatrix';

/**
 * Markets down, services across: whether each service runs in a region the market allows. A product that
 * needs a service its market is not served by cannot be sold there; this is the ecosystem gate's why.
 */
export function MarketReach({
  markets,
  services,
  deployments,
}: {
  markets: AdminMarket[];
  services: CloudService[];
  deployments: Deployment[];
}) {
  return (
    <ServiceMatrix
      label="Services each market is served by"
      className="market-reach"
      corner="Market and regions allowed"
      services={services}
      rows={markets}
      rowHeader={(market) => (
        <>
          {market.name} <span className="muted">({market.code})</span>
          <span className="cell__sub market-reach__regions">
            {market.allowedRegions.length > 0 ? market.allowedRegions.join(', ') : 'no region allowed'}
          </span>
        </>
      )}
      cell={(market, service) => <ReachCell reach={serviceReach(service.code, deployments, market.allowedRegions)} />}
    />
  );
}

function ReachCell({ reach }: { reach: Reach }) {
  switch (reach.kind) {
    case 'live':
      return (
        <>
          <span className="badge badge--on">Served</span>
          <span className="cell__sub muted">from {reach.regions.join(', ')}</span>
        </>
      );
    case 'planned':
      return (
        <>
          <span className="badge badge--warn">Planned</span>
          <span className="cell__sub muted">
            {reach.liveFrom ? (
              <>
                <time dateTime={reach.liveFrom}>{formatDay(reach.liveFrom)}</time> in {reach.region}
              </>
            ) : (
              `in ${reach.region}, no date`
            )}
          </span>
        </>
      );
    case 'none':
      return (
        <>
          <span className="badge badge--bad">Not served</span>
          <span className="cell__sub muted">nothing in its regions</span>
        </>
      );
  }
}
