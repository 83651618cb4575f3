import { useMutation, useQueryClient } from '@tanstack/react-query';
import { problemText } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatDay, plural } from '../../format';
import { useCan } from '../auth/session';
import { type Certificate, certificateCommands, certificateQueries, needsRenewal } from './api';
import { CoveredProducts } from './CoveredProducts';
import { StatusBadge } from './StatusBadge';

const COLUMNS = 7;

export function CertificateTable({
  certificates,
  productNames,
  onOpen,
}: {
  certificates: Certificate[];
  productNames: Map<string, string>;
  onOpen: (id: string) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table table--certificates" aria-label="Certificates">
        <thead>
          <tr>
            <th scope="col">Certificate</th>
            <th scope="col">Holder, issuer</th>
            <th scope="col">Covers</th>
            <th scope="col">Issued</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col" className="actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {certificates.map((certificate) => (
            <CertificateRow
              key={certificate.id}
              certificate={certificate}
              productNames={productNames}
              onOpen={() => onOpen(certificate.id)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CertificateRow({
  certificate,
  productNames,
  onOpen,
}: {
  certificate: Certificate;
  productNames: Map<string, string>;
  onOpen: () => void;
}) {
  const queryClient = useQueryClient();
  const canWrite = useCan('compliance:write');
  const remove = useMutation({
    mutationFn: () => certificateCommands.remove(certificate.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: certificateQueries.all().queryKey }),
  });
  const name = `${certificate.requirementCode} ${certificate.identifier ?? ''}`.trim();
  return (
    <>
      <tr className={remove.isPending ? 'is-pending' : undefined}>
        <th scope="row">
          <code className="certificate__requirement">{certificate.requirementCode}</code>
          {certificate.identifier ? (
            <span className="cell__sub certificate__identifier">{certificate.identifier}</span>
          ) : (
            <span className="cell__sub muted">no identifier</span>
          )}
        </th>
        <td className="certificate__holder">
          {certificate.holder}
          <span className="cell__sub muted">{certificate.issuedBy}</span>
        </td>
        <td className="certificate__covers">
          <CoveredProducts certificate={certificate} productNames={productNames} />
        </td>
        <td>
          <time dateTime={certificate.issuedOn}>{formatDay(certificate.issuedOn)}</time>
        </td>
        <td>
          {certificate.expiresOn ? (
            <time dateTime={certificate.expiresOn}>{formatDay(certificate.expiresOn)}</time>
          ) : (
            <span className="muted">Never</span>
          )}
          {needsRenewal(certificate) ? <span className="badge badge--warn cell__sub">Expires soon</span> : null}
        </td>
        <td>
          <StatusBadge status={certificate.status} />
          <span className="cell__sub muted nowrap">
            {certificate.documents.length > 0 ? plural(certificate.documents.length, 'PDF') : 'no PDF'}
          </span>
        </td>
        <td className="actions">
          <span className="actions__group">
            <button
              type="button"
              className="button button--ghost-dark button--small"
              aria-label={`${canWrite ? 'Edit' : 'View'} ${name}`}
              onClick={onOpen}
            >
              {canWrite ? 'Edit' : 'View'}
            </button>
            {canWrite ? (
              <ConfirmButton
                question={`Delete ${name} and its documents?`}
                confirmLabel="Delete"
                disabled={remove.isPending}
                onConfirm={() => remove.mutate()}
              >
                Delete
              </ConfirmButton>
            ) : null}
          </span>
        </td>
      </tr>
      {remove.isError ? (
        <tr className="table__note">
          <td colSpan={COLUMNS}>
            <p className="text-error" role="alert">
              {problemText(remove.error)}
            </p>
          </td>
        </tr>
      ) : null}
    </>
  );
}
