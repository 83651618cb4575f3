import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { adminQueries } from '../../api';
import { ErrorPanel, Loading } from '../../components/Status';
import { useCan } from '../auth/session';
import { certificateQueries } from './api';
import { CertificateEditor } from './CertificateEditor';
import { CertificateFilters } from './CertificateFilters';
import { CertificateTable } from './CertificateTable';
import { CsvPanel } from './CsvPanel';
import { ExpiryWarning } from './ExpiryWarning';
import { inView, isFiltered, NEW, useCertificatesView } from './view';
import './certificates.css';

export function CertificatesPage() {
  const certificates = useQuery(certificateQueries.all());
  const products = useQuery(adminQueries.products());
  const canWrite = useCan('compliance:write');
  const [view, setView] = useCertificatesView();
  // The certificate saved last, so its editor can say so once it reopens under its own id.
  const [saved, setSaved] = useState<string | null>(null);

  const all = certificates.data?.certificates ?? [];
  const productNames = useMemo(
    () => new Map((products.data?.products ?? []).map((p) => [p.id, p.name])),
    [products.data],
  );
  const requirementCodes = useMemo(() => [...new Set(all.map((c) => c.requirementCode))].sort(), [all]);
  const shown = all.filter((c) => inView(c, view, productNames));
  const open = (id: string) => {
    setSaved(null);
    setView({ open: id });
  };
  const close = () => open('');
  const opened = view.open && view.open !== NEW ? all.find((c) => c.id === view.open) : undefined;

  return (
    <>
      <title>Certificates — marketgate admin</title>
      <header className="page-header">
        <h1>Certificates</h1>
        <p className="muted">
          The evidence that a product meets a market's requirement: grants, declarations and test reports, the products
          they cover, and when they run out. Only a valid certificate that has not expired counts.
        </p>
      </header>

      {certificates.isPending || products.isPending ? <Loading what="certificates" /> : null}
      {certificates.isError ? <ErrorPanel error={certificates.error} /> : null}
      {products.isError ? <ErrorPanel error={products.error} /> : null}

      {certificates.data && products.data ? (
        <>
          <ExpiryWarning certificates={all} productNames={productNames} onOpen={open} />

          {view.open === NEW || opened ? (
            <CertificateEditor
              key={view.open}
              certificate={opened}
              products={products.data.products}
              requirementCodes={requirementCodes}
              canWrite={canWrite}
              justSaved={saved !== null && saved === opened?.id}
              onSaved={(certificate) => {
                setSaved(certificate.id);
                setView({ open: certificate.id });
              }}
              onClose={close}
            />
          ) : view.open ? (
            <div className="status status--error" role="alert">
              <p className="status__title">No such certificate</p>
              <p>It may have been deleted meanwhile.</p>
              <button type="button" className="button button--ghost-dark button--small" onClick={close}>
                Close
              </button>
            </div>
          ) : null}

          <CertificateFilters view={view} onChange={setView} />
          <div className="certificates__summary">
            <p className="muted" aria-live="polite">
              {isFiltered(view) ? `${shown.length} of ${all.length} certificates` : `${all.length} certificates`}
            </p>
            {canWrite ? (
              <button type="button" className="button button--primary" onClick={() => open(NEW)}>
                New certificate
              </button>
            ) : null}
          </div>
          {shown.length > 0 ? (
            <CertificateTable certificates={shown} productNames={productNames} onOpen={open} />
          ) : (
            <p className="empty">
              {isFiltered(view) ? 'No certificates match these filters.' : 'No certificates on file yet.'}
            </p>
          )}

          <CsvPanel canImport={canWrite} />
        </>
      ) : null}
    </>
  );
}
