import type { Counts, SaleTerms } from './sale.js';

// The admission engine: the one place that decides, under a rush, who gets a unit. Two engines
// keep the same contract (test/contract/admission-engine.ts runs against both):
// - the database engine: conditional updates in PostgreSQL or PGlite; one process or many;
// - the Redis engine: atomic scripts, for many instances sharing one sale at a high rate, with
//   every admission handed to the database without loss.
// The invariant each keeps at every instant: sold + held + remaining = quantity.

export interface Admission {
  id: string;
  saleId: string;
  /** The buyer, lower-cased. */
  email: string;
  admittedAt: Date;
  /** The unit goes back to the pool at this instant unless it is paid. */
  heldUntil: Date;
}

export type Refusal =
  /** Nothing left to admit now. */
  | { kind: 'sold-out' }
  /** The buyer already holds or bought their limit. */
  | { kind: 'limit'; limit: number }
  /** The sale requires a verified registration and the token does not match one. */
  | { kind: 'not-registered' };

export type AdmissionResult = { admitted: true; admission: Admission } | { admitted: false; refusal: Refusal };

export interface AdmitRequest {
  sale: SaleTerms;
  /** Lower-cased. */
  email: string;
  /** SHA-256 of the registration token the buyer presented; checked when the sale requires one. */
  registrationHash?: string | undefined;
  /** The buyer's Idempotency-Key: the same key from the same buyer gets the same admission. */
  idempotencyKey?: string | undefined;
  /** A fresh id for the admission, should one be made. */
  admissionId: string;
  at: Date;
}

export interface AdmissionEngine {
  readonly name: 'database' | 'redis';
  /** Makes a created or edited sale's terms known to the engine; safe to call again. */
  prepare(sale: SaleTerms): Promise<void>;
  /** A verified registration may now buy (tokenHash: SHA-256 of the link's secret). */
  registered(saleId: string, email: string, tokenHash: string): Promise<void>;
  /** Admits the buyer (holds one unit) or says why not, atomically. Timing is checked by the caller. */
  admit(request: AdmitRequest): Promise<AdmissionResult>;
  /**
   * The Idempotency-Keys of the sale's admissions so far: after a sold-out answer, only a retry
   * with one of them can still be answered with an admission.
   */
  admittedKeys(saleId: string): Promise<Set<string>>;
  /**
   * The held unit was paid: it counts as sold. Idempotent; false when it is not held (expired) or
   * its window has passed at `at`, even if the expiry has not run yet.
   */
  settle(saleId: string, admissionId: string, orderId: string, at: Date): Promise<boolean>;
  /** Held units whose time ran out go back to the pool; returns how many. */
  expire(at: Date): Promise<number>;
  counts(sale: SaleTerms): Promise<Counts>;
  close(): Promise<void>;
}
