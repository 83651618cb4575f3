import type { AdminProduct } from '../../api';
import type { Certificate, CertificateInput, CertificatePatch, CertificateStatus, CoverageInput } from './api';

// The certificate form's state, and the API's input made from it. Blank optional fields are left out of a
// new certificate and cleared (null) on an existing one.

/** Covered products by id, each with the variant ids it is limited to; none: every variant. */
export type CoverageDraft = Record<string, string[]>;

export interface CertificateDraft {
  requirementCode: string;
  identifier: string;
  holder: string;
  issuedBy: string;
  issuedOn: string;
  expiresOn: string;
  status: CertificateStatus;
  notes: string;
  coverage: CoverageDraft;
}

export const EMPTY_DRAFT: CertificateDraft = {
  requirementCode: '',
  identifier: '',
  holder: '',
  issuedBy: '',
  issuedOn: '',
  expiresOn: '',
  status: 'valid',
  notes: '',
  coverage: {},
};

export function draftOf(certificate: Certificate): CertificateDraft {
  const coverage: CoverageDraft = {};
  for (const c of certificate.coverage) {
    const variants = coverage[c.productId] ?? [];
    coverage[c.productId] = c.variantId ? [...variants, c.variantId] : variants;
  }
  return {
    requirementCode: certificate.requirementCode,
    identifier: certificate.identifier ?? '',
    holder: certificate.holder,
    issuedBy: certificate.issuedBy,
    issuedOn: certificate.issuedOn,
    expiresOn: certificate.expiresOn ?? '',
    status: certificate.status,
    notes: certificate.notes,
    coverage,
  };
}

/** Coverage by slug and SKU, in catalog order. */
export function coverageInput(coverage: CoverageDraft, products: readonly AdminProduct[]): CoverageInput[] {
  return products.flatMap((product): CoverageInput[] => {
    const variantIds = coverage[product.id];
    if (!variantIds) return [];
    const skus = product.variants.filter((v) => variantIds.includes(v.id)).map((v) => v.sku);
    return skus.length > 0 ? skus.map((sku) => ({ product: product.slug, variant: sku })) : [{ product: product.slug }];
  });
}

export function toInput(draft: CertificateDraft, products: readonly AdminProduct[]): CertificateInput {
  const identifier = draft.identifier.trim();
  return {
    requirementCode: draft.requirementCode.trim(),
    ...(identifier ? { identifier } : {}),
    holder: draft.holder.trim(),
    issuedBy: draft.issuedBy.trim(),
    issuedOn: draft.issuedOn,
    ...(draft.expiresOn ? { expiresOn: draft.expiresOn } : {}),
    status: draft.status,
    notes: draft.notes.trim(),
    coverage: coverageInput(draft.coverage, products),
  };
}

export function toPatch(draft: CertificateDraft, products: readonly AdminProduct[]): CertificatePatch {
  const { identifier, expiresOn, ...rest } = toInput(draft, products);
  return { ...rest, identifier: identifier ?? null, expiresOn: expiresOn ?? null };
}
