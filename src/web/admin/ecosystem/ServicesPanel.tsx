import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { problemText } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { plural } from '../../format';
import { type CloudService, type Deployment, ecosystemCommands, ecosystemKey } from './api';
import { ServiceForm } from './ServiceForm';

/** The cloud services products depend on (a product's requiredServices name them). */
export function ServicesPanel({
  services,
  deployments,
  canWrite,
}: {
  services: CloudService[];
  deployments: Deployment[];
  canWrite: boolean;
}) {
  const [editing, setEditing] = useState<CloudService | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="services-heading">
      <h2 id="services-heading">
        Cloud services <span className="muted">({services.length})</span>
      </h2>
      <div className="table-wrap">
        <table className="table" aria-labelledby="services-heading">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col" className="num">
                Deployments
              </th>
              {canWrite ? (
                <th scope="col" className="actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {services.map((service) => (
              <ServiceRow
                key={service.code}
                service={service}
                deployments={deployments.filter((d) => d.service === service.code).length}
                canWrite={canWrite}
                onEdit={() => {
                  setNotice(null);
                  setEditing(service);
                }}
                onDeleted={() => {
                  if (editing?.code === service.code) setEditing(null);
                  setNotice(`Deleted the service ${service.code}.`);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      {canWrite ? (
        <ServiceForm
          key={editing?.code ?? 'new'}
          service={editing ?? undefined}
          onSaved={(text) => {
            setEditing(null);
            setNotice(text);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {notice ? (
        <p className="status status--ok" role="status">
          {notice}
        </p>
      ) : null}
    </section>
  );
}

function ServiceRow({
  service,
  deployments,
  canWrite,
  onEdit,
  onDeleted,
}: {
  service: CloudService;
  deployments: number;
  canWrite: boolean;
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => ecosystemCommands.deleteService(service.code),
    onSuccess: onDeleted,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ecosystemKey }),
  });
  return (
    <tr className={remove.isPending ? 'is-pending' : undefined}>
      <td>
        <code>{service.code}</code>
      </td>
      <th scope="row">{service.name}</th>
      <td className="muted">{service.description || '—'}</td>
      <td className="num">{deployments}</td>
      {canWrite ? (
        <td className="actions">
          <span className="actions__group">
            <button
              type="button"
              className="button button--ghost-dark button--small"
              aria-label={`Change ${service.code}`}
              onClick={onEdit}
            >
              Change
            </button>
            <ConfirmButton
              question={
                deployments > 0
                  ? `Delete ${service.code} and its ${plural(deployments, 'deployment')}?`
                  : `Delete ${service.code}?`
              }
              confirmLabel="Delete"
              disabled={remove.isPending}
              onConfirm={() => remove.mutate()}
            >
              Delete
            </ConfirmButton>
          </span>
          {remove.isError ? (
            <p className="text-error" role="alert">
              {problemText(remove.error)}
            </p>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}
