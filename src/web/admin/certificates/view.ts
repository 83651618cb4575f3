import { useSearchParams } from 'react-router';
import { CERTIFICATE_STATUSES, type Certificate, type CertificateStatus, needsRenewal } from './api';

// What the certificates page shows lives in the address, so a filtered view or an open certificate can be
// bookmarked or sent: /admin/certificates?requirement=fcc&product=band&status=valid&expiring=1&open=<id>

export interface CertificatesView {
  /** Part of a requirement code, any case: "fcc", "US.CPSIA". */
  requirement: string;
  /** Part of a product's name or slug, or of a SKU. */
  product: string;
  status: CertificateStatus | '';
  /** Only certificates in force that run out within 30 days. */
  expiring: boolean;
  /** The certificate being edited, "new" for the form of a new one, or none. */
  open: string;
}

export const NEW = 'new';

function isStatus(value: string | null): value is CertificateStatus {
  return (CERTIFICATE_STATUSES as readonly (string | null)[]).includes(value);
}

function read(params: URLSearchParams): CertificatesView {
  const status = params.get('status');
  return {
    requirement: params.get('requirement') ?? '',
    product: params.get('product') ?? '',
    status: isStatus(status) ? status : '',
    expiring: params.get('expiring') === '1',
    open: params.get('open') ?? '',
  };
}

export function useCertificatesView(): [CertificatesView, (change: Partial<CertificatesView>) => void] {
  const [params, setParams] = useSearchParams();
  const view = read(params);
  const update = (change: Partial<CertificatesView>) => {
    // Built on the address as it is now, not as this render read it: the router renders a new address in a
    // transition, so two quick changes (untick "expiring", then type a product) would otherwise undo the first.
    const next = { ...read(new URLSearchParams(window.location.search)), ...change };
    const query = new URLSearchParams();
    if (next.requirement) query.set('requirement', next.requirement);
    if (next.product) query.set('product', next.product);
    if (next.status) query.set('status', next.status);
    if (next.expiring) query.set('expiring', '1');
    if (next.open) query.set('open', next.open);
    setParams(query, { replace: true });
  };
  return [view, update];
}

export function isFiltered(view: CertificatesView): boolean {
  return Boolean(view.requirement || view.product || view.status || view.expiring);
}

/** Whether the certificate is in the filtered view; `productNames` maps a product id to its name. */
export function inView(certificate: Certificate, view: CertificatesView, productNames: Map<string, string>): boolean {
  if (view.status && certificate.status !== view.status) return false;
  if (view.expiring && !needsRenewal(certificate)) return false;
  const requirement = view.requirement.trim().toLowerCase();
  if (requirement && !certificate.requirementCode.toLowerCase().includes(requirement)) return false;
  const product = view.product.trim().toLowerCase();
  if (product) {
    const names = certificate.coverage.flatMap((c) => [c.slug, c.sku ?? '', productNames.get(c.productId) ?? '']);
    if (!names.some((name) => name.toLowerCase().includes(product))) return false;
  }
  return true;
}
