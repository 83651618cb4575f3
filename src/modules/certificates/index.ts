// The certificate registry's public surface: the evidence for the compliance gate.
// `CertificateService.evidenceFor` runs on the verdict's path (behind the storefront's cache).

export { type CertificateEvidence, EXPIRY_WARNING_DAYS, expiresWithin, isInForce } from './evidence.js';
export { certificateRoutes } from './routes.js';
export { type Certificate, CertificateInput } from './schemas.js';
export { CertificateService } from './service.js';
export { CERTIFICATE_STATUSES, type CertificateStatus } from './tables.js';
