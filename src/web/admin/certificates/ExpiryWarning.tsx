import { formatDay } from '../../format';
import { type Certificate, needsRenewal } from './api';
import { CoveredProducts } from './CoveredProducts';

/** Certificates in force that run out within 30 days: the renewals to start now, before a market closes. */
export function ExpiryWarning({
  certificates,
  productNames,
  onOpen,
}: {
  certificates: Certificate[];
  productNames: Map<string, string>;
  onOpen: (id: string) => void;
}) {
  const expiring = certificates
    .filter(needsRenewal)
    .sort((a, b) => (a.expiresOn ?? '').localeCompare(b.expiresOn ?? ''));
  if (expiring.length === 0) return null;
  return (
    <section className="expiry-warning" aria-labelledby="expiry-warning-heading">
      <h2 id="expiry-warning-heading" className="expiry-warning__title">
        {expiring.length === 1 ? 'One certificate expires' : `${expiring.length} certificates expire`} within 30 days
      </h2>
      <p className="expiry-warning__hint">
        Renew {expiring.length === 1 ? 'it' : 'them'} in time: a product without valid evidence stops being sellable in
        that market the day it runs out.
      </p>
      <ul className="expiry-warning__list">
        {expiring.map((certificate) => (
          <li key={certificate.id} className="expiry-warning__item">
            <span>
              <code>{certificate.requirementCode}</code> <strong>{certificate.identifier ?? 'no identifier'}</strong>
            </span>
            <CoveredProducts certificate={certificate} productNames={productNames} />
            <span>
              expires{' '}
              <time dateTime={certificate.expiresOn ?? undefined}>{formatDay(certificate.expiresOn ?? '')}</time>
            </span>
            <button
              type="button"
              className="button button--ghost-dark button--small"
              aria-label={`Open ${certificate.requirementCode} ${certificate.identifier ?? ''}`.trim()}
              onClick={() => onOpen(certificate.id)}
            >
              Open
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
