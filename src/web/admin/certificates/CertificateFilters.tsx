import { useState } from 'react';
import { humanize } from '../../format';
import { CERTIFICATE_STATUSES, type CertificateStatus } from './api';
import { type CertificatesView, isFiltered } from './view';

const EMPTY = { requirement: '', product: '', status: '', expiring: false } as const;

/** Which certificates the table shows. Every change applies at once; the address keeps it. */
export function CertificateFilters({
  view,
  onChange,
}: {
  view: CertificatesView;
  onChange: (change: Partial<CertificatesView>) => void;
}) {
  // Held here as well as in the address: the address follows each change, but a router navigation reaches
  // React on a later tick, and a controlled field whose state does not change within its event is put back.
  const [requirement, setRequirement] = useState(view.requirement);
  const [product, setProduct] = useState(view.product);
  const [status, setStatus] = useState(view.status);
  const [expiring, setExpiring] = useState(view.expiring);
  return (
    <search className="toolbar certificate-filters" aria-label="Filter certificates">
      <label className="field">
        <span className="field__label">Requirement</span>
        <input
          type="search"
          value={requirement}
          placeholder="US.FCC"
          spellCheck={false}
          onChange={(event) => {
            setRequirement(event.target.value);
            onChange({ requirement: event.target.value });
          }}
        />
      </label>
      <label className="field">
        <span className="field__label">Product</span>
        <input
          type="search"
          value={product}
          placeholder="Name or SKU"
          spellCheck={false}
          onChange={(event) => {
            setProduct(event.target.value);
            onChange({ product: event.target.value });
          }}
        />
      </label>
      <label className="field">
        <span className="field__label">Status</span>
        <select
          value={status}
          onChange={(event) => {
            const next = event.target.value as CertificateStatus | '';
            setStatus(next);
            onChange({ status: next });
          }}
        >
          <option value="">Any status</option>
          {CERTIFICATE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {humanize(status)}
            </option>
          ))}
        </select>
      </label>
      <label className="certificate-filters__toggle">
        <input
          type="checkbox"
          checked={expiring}
          onChange={(event) => {
            setExpiring(event.target.checked);
            onChange({ expiring: event.target.checked });
          }}
        />
        Expiring within 30 days
      </label>
      {isFiltered(view) ? (
        <button
          type="button"
          className="button button--ghost-dark"
          onClick={() => {
            setRequirement('');
            setProduct('');
            setStatus('');
            setExpiring(false);
            onChange(EMPTY);
          }}
        >
          Clear
        </button>
      ) : null}
    </search>
  );
}
