import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { adminQueries } from '../../api';
import { ErrorPanel, Loading } from '../../components/Status';
import { useCan } from '../auth/session';
import { type Deployment, ecosystemQueries } from './api';
import { DeploymentForm } from './DeploymentForm';
import { DeploymentGrid } from './DeploymentGrid';
import { MarketReach } from './MarketReach';
import { RegionsPanel } from './RegionsPanel';
import { ServicesPanel } from './ServicesPanel';
import './ecosystem.css';

export function EcosystemPage() {
  const services = useQuery(ecosystemQueries.services());
  const regions = useQuery(ecosystemQueries.regions());
  const deployments = useQuery(ecosystemQueries.deployments());
  const markets = useQuery(adminQueries.markets());
  const canWrite = useCan('ecosystem:write');
  const [editing, setEditing] = useState<Deployment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const queries = [services, regions, deployments, markets];
  const failed = queries.find((q) => q.isError);

  return (
    <>
      <title>Services &amp; regions — marketgate admin</title>
      <header className="page-header">
        <h1>Services &amp; regions</h1>
        <p className="muted">
          The cloud services connected products need, and when each runs in which region. A market may only be served
          from the regions it allows, so a service that is not live in one of them keeps its products off that market.
        </p>
      </header>

      {queries.some((q) => q.isPending) ? <Loading what="services, regions and deployments" /> : null}
      {failed ? <ErrorPanel error={failed.error} /> : null}

      {services.data && regions.data && deployments.data && markets.data ? (
        <>
          <section className="panel" aria-labelledby="grid-heading">
            <h2 id="grid-heading">Where each service runs</h2>
            <p className="muted">
              Status as of now: <span className="badge badge--warn">Planned</span> from its date (or without one yet),{' '}
              <span className="badge badge--on">Live</span> since its date,{' '}
              <span className="badge badge--off">Retired</span> since its date.
              {canWrite ? ' Choose a deployment to change its dates.' : ''}
            </p>
            <DeploymentGrid
              services={services.data.services}
              regions={regions.data.regions}
              deployments={deployments.data.deployments}
              markets={markets.data.markets}
              onEdit={
                canWrite
                  ? (deployment) => {
                      setNotice(null);
                      setEditing(deployment);
                    }
                  : undefined
              }
            />
          </section>

          {canWrite ? (
            <DeploymentForm
              key={editing?.id ?? 'new'}
              deployment={editing ?? undefined}
              services={services.data.services}
              regions={regions.data.regions}
              notice={notice}
              onSaved={(text) => {
                setEditing(null);
                setNotice(text);
              }}
              onCancel={() => setEditing(null)}
            />
          ) : null}

          <section className="panel" aria-labelledby="reach-heading">
            <h2 id="reach-heading">Which markets each service serves</h2>
            <p className="muted">
              Served: live in a region the market allows. Otherwise the products that need the service cannot be sold
              there until it is.
            </p>
            <MarketReach
              markets={markets.data.markets}
              services={services.data.services}
              deployments={deployments.data.deployments}
            />
          </section>

          <ServicesPanel
            services={services.data.services}
            deployments={deployments.data.deployments}
            canWrite={canWrite}
          />
          <RegionsPanel
            regions={regions.data.regions}
            deployments={deployments.data.deployments}
            markets={markets.data.markets}
            canWrite={canWrite}
          />
        </>
      ) : null}
    </>
  );
}
