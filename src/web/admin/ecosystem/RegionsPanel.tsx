import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type AdminMarket, problemText } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { type CloudRegion, type Deployment, ecosystemCommands, ecosystemKey } from './api';
import { RegionForm } from './RegionForm';
import { marketsAllowing } from './reach';

/** The cloud regions services run in; a market's allowedRegions says which of them may hold its customers' data. */
export function RegionsPanel({
  regions,
  deployments,
  markets,
  canWrite,
}: {
  regions: CloudRegion[];
  deployments: Deployment[];
  markets: AdminMarket[];
  canWrite: boolean;
}) {
  const [editing, setEditing] = useState<CloudRegion | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="regions-heading">
      <h2 id="regions-heading">
        Cloud regions <span className="muted">({regions.length})</span>
      </h2>
      <p className="muted">
        A region that still has deployments cannot be deleted; which markets may use a region is part of each market.
      </p>
      <div className="table-wrap">
        <table className="table" aria-labelledby="regions-heading">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Country</th>
              <th scope="col">Markets allowed</th>
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
            {regions.map((region) => (
              <RegionRow
                key={region.code}
                region={region}
                markets={marketsAllowing(region.code, markets)}
                deployments={deployments.filter((d) => d.region === region.code).length}
                canWrite={canWrite}
                onEdit={() => {
                  setNotice(null);
                  setEditing(region);
                }}
                onDeleted={() => {
                  if (editing?.code === region.code) setEditing(null);
                  setNotice(`Deleted the region ${region.code}.`);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      {canWrite ? (
        <RegionForm
          key={editing?.code ?? 'new'}
          region={editing ?? undefined}
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

function RegionRow({
  region,
  markets,
  deployments,
  canWrite,
  onEdit,
  onDeleted,
}: {
  region: CloudRegion;
  markets: string[];
  deployments: number;
  canWrite: boolean;
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => ecosystemCommands.deleteRegion(region.code),
    onSuccess: onDeleted,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ecosystemKey }),
  });
  return (
    <tr className={remove.isPending ? 'is-pending' : undefined}>
      <td>
        <code>{region.code}</code>
      </td>
      <th scope="row">{region.name}</th>
      <td>{region.country}</td>
      <td>{markets.length > 0 ? markets.join(', ') : <span className="muted">none</span>}</td>
      <td className="num">{deployments}</td>
      {canWrite ? (
        <td className="actions">
          <span className="actions__group">
            <button
              type="button"
              className="button button--ghost-dark button--small"
              aria-label={`Change ${region.code}`}
              onClick={onEdit}
            >
              Change
            </button>
            <ConfirmButton
              question={`Delete ${region.code}?`}
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
