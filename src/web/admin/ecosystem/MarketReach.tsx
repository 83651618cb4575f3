import type { AdminMarket } from '../../api';
import { formatDay } from '../../format';
import type { CloudService, Deployment } from './api';
import { type Reach, serviceReach } from './reach';

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
    <div className="table-wrap">
      <table className="table market-reach" aria-label="Services each market is served by">
        <thead>
          <tr>
            <th scope="col">Market and regions allowed</th>
            {services.map((service) => (
              <th key={service.code} scope="col" title={service.name}>
                <code>{service.code}</code>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {markets.map((market) => (
            <tr key={market.code}>
              <th scope="row">
                {market.name} <span className="muted">({market.code})</span>
                <span className="cell__sub market-reach__regions">
                  {market.allowedRegions.length > 0 ? market.allowedRegions.join(', ') : 'no region allowed'}
                </span>
              </th>
              {services.map((service) => (
                <td key={service.code}>
                  <ReachCell reach={serviceReach(service.code, deployments, market.allowedRegions)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
