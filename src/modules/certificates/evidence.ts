import type { CertificateStatus } from './tables.js';

// Pure facts about a certificate at an instant. Days are ISO dates in UTC: a certificate issued
// on D is in force from the start of D, and one that expires on E is no longer in force on E.

/** What the verdict needs to know about a certificate: `CertificateService.evidenceFor` returns these. */
export interface CertificateEvidence {
  id: string;
  requirementCode: string;
  identifier: string | null;
  status: CertificateStatus;
  issuedOn: string;
  expiresOn: string | null;
  coverage: Array<{ productId: string; variantId: string | null }>;
}

/** The certificates the expiry warning looks ahead for. */
export const EXPIRY_WARNING_DAYS = 30;

let lastTime = Number.NaN;
let lastDay = '';

/** The ISO day (UTC) of an instant. */
export function isoDay(instant: Date): string {
  // A readiness matrix asks the day of the same instant about a million times, and toISOString
  // costs about half a microsecond: remember the last answer. An invalid date still throws.
  const time = instant.getTime();
  if (time !== lastTime) {
    lastDay = instant.toISOString().slice(0, 10);
    lastTime = time;
  }
  return lastDay;
}

/** The ISO day `days` after `day` (UTC, so no daylight-saving day is 23 hours long). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

type Dated = Pick<CertificateEvidence, 'status' | 'issuedOn' | 'expiresOn'>;

/** Valid, already issued and not yet expired on the instant's day. */
export function isInForce(cert: Dated, instant: Date): boolean {
  const today = isoDay(instant);
  return cert.status === 'valid' && cert.issuedOn <= today && (cert.expiresOn === null || today < cert.expiresOn);
}

/**
 * Whether the certificate has not expired yet but will within `days` days of the instant.
 * A fact about its dates alone: combine with the status to ask whether it matters.
 */
export function expiresWithin(cert: Pick<CertificateEvidence, 'expiresOn'>, instant: Date, days: number): boolean {
  if (cert.expiresOn === null) return false;
  const today = isoDay(instant);
  return today < cert.expiresOn && cert.expiresOn <= addDays(today, days);
}
