import type { AdminMarket } from '../../api';
import type { CloudRegion, CloudService, Deployment } from './api';
import { DeploymentState, deploymentText } from './DeploymentState';
import { marketsAllowing } from './reach';

/** Regions down, services across: where each service runs, ran or will run, and which markets may use each region. */
export function DeploymentGrid({
  services,
  regions,
  deployments,
  markets,
  onEdit,
}: {
  services: CloudService[];
  regions: CloudRegion[];
  deployments: Deployment[];
  markets: AdminMarket[];
  /** Absent when the session may not change deployments. */
  onEdit?: (deployment: Deployment) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table deployment-grid" aria-label="Deployments by region and service">
        <thead>
          <tr>
            <th scope="col">Region and markets allowed</th>
            {services.map((service) => (
              <th key={service.code} scope="col" title={service.name}>
                <code>{service.code}</code>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {regions.map((region) => {
            const allowedFor = marketsAllowing(region.code, markets);
            return (
              <tr key={region.code}>
                <th scope="row">
                  <code>{region.code}</code>
                  <span className="cell__sub muted">
                    {region.name}, {region.country}
                  </span>
                  <span className="cell__sub deployment-grid__markets">
                    {allowedFor.length > 0 ? `for ${allowedFor.join(', ')}` : 'no market allows it'}
                  </span>
                </th>
                {services.map((service) => (
                  <td key={service.code} className="deployment-grid__cell">
                    <Cell
                      deployments={deployments.filter((d) => d.service === service.code && d.region === region.code)}
                      onEdit={onEdit}
                    />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Cell({ deployments, onEdit }: { deployments: Deployment[]; onEdit?: (deployment: Deployment) => void }) {
  if (deployments.length === 0) {
    return (
      <>
        <span className="muted" aria-hidden="true">
          ·
        </span>
        <span className="visually-hidden">not deployed</span>
      </>
    );
  }
  return (
    <ul className="plain-list">
      {deployments.map((deployment) => (
        <li key={deployment.id}>
          {onEdit ? (
            <button
              type="button"
              className="deployment-grid__edit"
              aria-label={`${deployment.service} in ${deployment.region}: ${deploymentText(deployment)}. Change`}
              onClick={() => onEdit(deployment)}
            >
              <DeploymentState deployment={deployment} />
            </button>
          ) : (
            <DeploymentState deployment={deployment} />
          )}
        </li>
      ))}
    </ul>
  );
}
