import type { AdminMarket } from '../../api';
import type { CloudRegion, CloudService, Deployment } from './api';
import { DeploymentState, deploymentText } from './DeploymentState';
import { marketsAllowing } from './reach';
import { ServiceMatrix } from './ServiceMatrix';

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
    <ServiceMatrix
      label="Deployments by region and service"
      className="deployment-grid"
      corner="Region and markets allowed"
      services={services}
      rows={regions}
      rowHeader={(region) => <RegionHeader region={region} markets={marketsAllowing(region.code, markets)} />}
      cellClassName="deployment-grid__cell"
      cell={(region, service) => (
        <Cell
          deployments={deployments.filter((d) => d.service === service.code && d.region === region.code)}
          onEdit={onEdit}
        />
      )}
    />
  );
}

function RegionHeader({ region, markets }: { region: CloudRegion; markets: string[] }) {
  return (
    <>
      <code>{region.code}</code>
      <span className="cell__sub muted">
        {region.name}, {region.country}
      </span>
      <span className="cell__sub deployment-grid__markets">
        {markets.length > 0 ? `for ${markets.join(', ')}` : 'no market allows it'}
      </span>
    </>
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
