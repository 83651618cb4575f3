import { queryOptions } from '@tanstack/react-query';
import { request, seg } from '../../api';

// The certificate registry's API as the console uses it (src/modules/certificates/schemas.ts is the source).

export const CERTIFICATE_STATUSES = ['valid', 'suspended', 'revoked', 'withdrawn'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** A product the certificate covers: the whole of it (no variant) or one variant. */
export interface Coverage {
  productId: string;
  slug: string;
  variantId: string | null;
  sku: string | null;
}

export interface CertificateDocument {
  id: string;
  filename: string;
  contentType: string;
  /** Bytes. */
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface Certificate {
  id: string;
  /** The requirement of a jurisdiction's rule file it is evidence for, e.g. "US.FCC.CERTIFICATION". */
  requirementCode: string;
  /** FCC ID, CMIIT ID, R-number...: normalised by the server when the rule names a format. */
  identifier: string | null;
  holder: string;
  issuedBy: string;
  /** ISO days. */
  issuedOn: string;
  expiresOn: string | null;
  status: CertificateStatus;
  notes: string;
  coverage: Coverage[];
  documents: CertificateDocument[];
  /** Not expired yet, but will be within 30 days of the server's today. */
  expiringSoon: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Coverage by product id or slug, and variant id or SKU; no variant covers every variant. */
export interface CoverageInput {
  product: string;
  variant?: string;
}

export interface CertificateInput {
  requirementCode: string;
  identifier?: string;
  holder: string;
  issuedBy: string;
  issuedOn: string;
  expiresOn?: string;
  status?: CertificateStatus;
  notes?: string;
  coverage: CoverageInput[];
}

/** Fields given replace the stored ones; null clears; coverage is replaced whole. */
export type CertificatePatch = Partial<Omit<CertificateInput, 'identifier' | 'expiresOn'>> & {
  identifier?: string | null;
  expiresOn?: string | null;
};

/** The largest document the server takes (src/modules/certificates/documents.ts). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const BASE = '/api/admin/certificates';

export const exportUrl = `${BASE}/export`;

export function documentUrl(certificateId: string, documentId: string): string {
  return `${BASE}/${seg(certificateId)}/documents/${seg(documentId)}`;
}

export const certificateQueries = {
  // The whole registry in one answer (the API does not page it): the expiry warning needs all of it, and
  // text filters run on it in the browser.
  all: () =>
    queryOptions({
      queryKey: ['admin', 'certificates'],
      queryFn: () => request<{ certificates: Certificate[] }>(BASE),
    }),
};

export const certificateCommands = {
  create: (input: CertificateInput) => request<Certificate>(BASE, { method: 'POST', json: input }),
  update: (id: string, patch: CertificatePatch) =>
    request<Certificate>(`${BASE}/${seg(id)}`, { method: 'PATCH', json: patch }),
  remove: (id: string) => request<void>(`${BASE}/${seg(id)}`, { method: 'DELETE' }),
  /** Every row or none: a refusal names each "row N: column" in its errors. */
  importCsv: (csv: string) =>
    request<{ imported: number }>(`${BASE}/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    }),
  /** The PDF itself is the body. */
  uploadDocument: (id: string, file: File) =>
    request<CertificateDocument>(`${BASE}/${seg(id)}/documents?${new URLSearchParams({ filename: file.name })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: file,
    }),
  deleteDocument: (id: string, documentId: string) => request<void>(documentUrl(id, documentId), { method: 'DELETE' }),
};

/** The one rule for the warning, the badge and the filter: a certificate in force that runs out within 30 days. */
export function needsRenewal(certificate: Certificate): boolean {
  return certificate.status === 'valid' && certificate.expiringSoon;
}
