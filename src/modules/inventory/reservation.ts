import type { ReleaseReason, ReservationState } from './tables.js';

// Pure: a reservation's life. held -> committed (payment) or held -> released (cancellation or
// expiry); committed and released are final. The lines of one reference move together.

export type { ReleaseReason, ReservationState };

export interface Reservation {
  id: string;
  /** The caller's reference, e.g. an order id or number; the lines of one reservation share it. */
  reference: string;
  sku: string;
  location: string;
  quantity: number;
  expiresAt: Date;
  state: ReservationState;
  /** Why a released line was released; null otherwise. */
  releaseReason: ReleaseReason | null;
  createdAt: Date;
  /** When it was committed or released; null while held. */
  settledAt: Date | null;
}

type Line = Pick<Reservation, 'id' | 'state' | 'releaseReason' | 'expiresAt'>;

/** What settling a reference does: move these held lines, nothing (already done), or refuse. */
export type Settlement = { kind: 'settle'; ids: string[] } | { kind: 'done' } | { kind: 'refuse'; reason: string };

const held = (lines: ReadonlyArray<Line>) => lines.filter((l) => l.state === 'held');

/**
 * Committing (the order is paid): every held line, while none has expired or been released.
 * Committing again is a no-op. An expired line is refused even before the expiry job released
 * it: its stock was promised back to other shoppers at that instant.
 */
export function commitSettlement(lines: ReadonlyArray<Line>, now: Date): Settlement {
  const released = lines.find((l) => l.state === 'released');
  if (released) return { kind: 'refuse', reason: `it was released (${released.releaseReason ?? 'cancelled'})` };
  const pending = held(lines);
  if (pending.length === 0) return { kind: 'done' };
  const expired = pending.find((l) => l.expiresAt.getTime() <= now.getTime());
  if (expired) return { kind: 'refuse', reason: `it expired at ${expired.expiresAt.toISOString()}` };
  return { kind: 'settle', ids: pending.map((l) => l.id) };
}

/** Releasing (cancelled or expired): every held line. Releasing again is a no-op; a committed one is refused. */
export function releaseSettlement(lines: ReadonlyArray<Line>): Settlement {
  if (lines.some((l) => l.state === 'committed')) return { kind: 'refuse', reason: 'it is committed (paid)' };
  const pending = held(lines);
  return pending.length === 0 ? { kind: 'done' } : { kind: 'settle', ids: pending.map((l) => l.id) };
}
