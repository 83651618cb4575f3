import { useId } from 'react';
import type { AdminProduct } from '../../api';
import { useReveal } from '../../components/useReveal';
import type { Certificate } from './api';
import { CertificateForm } from './CertificateForm';
import { DocumentsPanel } from './DocumentsPanel';
import { StatusBadge } from './StatusBadge';

/** One certificate opened from the table (or a new one): its fields, and its documents once it exists. */
export function CertificateEditor({
  certificate,
  products,
  requirementCodes,
  canWrite,
  justSaved,
  onSaved,
  onClose,
}: {
  /** Absent for a new certificate. */
  certificate?: Certificate;
  products: readonly AdminProduct[];
  requirementCodes: readonly string[];
  canWrite: boolean;
  /** Says so above the form right after a save. */
  justSaved: boolean;
  onSaved: (saved: Certificate) => void | Promise<void>;
  onClose: () => void;
}) {
  const headingId = useId();
  // Opened from a row far down the table: bring the editor into view and put the focus where it starts.
  const heading = useReveal<HTMLHeadingElement>();

  return (
    <section className="panel certificate-editor" aria-labelledby={headingId}>
      <header className="certificate-editor__header">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {certificate ? (
            <>
              <code>{certificate.requirementCode}</code> {certificate.identifier ?? ''}
            </>
          ) : (
            'New certificate'
          )}
        </h2>
        {certificate ? <StatusBadge status={certificate.status} /> : null}
        <button type="button" className="button button--ghost-dark button--small" onClick={onClose}>
          Close
        </button>
      </header>
      {justSaved ? (
        <p className="status status--ok" role="status">
          Saved.{certificate && certificate.documents.length === 0 ? ' Attach its documents below.' : ''}
        </p>
      ) : null}
      <CertificateForm
        certificate={certificate}
        products={products}
        requirementCodes={requirementCodes}
        readOnly={!canWrite}
        onSaved={onSaved}
      />
      {certificate ? <DocumentsPanel certificate={certificate} canWrite={canWrite} /> : null}
    </section>
  );
}
