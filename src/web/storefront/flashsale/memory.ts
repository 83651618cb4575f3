// What this browser remembers of a buyer's part in a sale, per sale: the registration the emailed
// link confirmed (its token is the buyer's pass at purchase), the units held for them, and the
// orders they became. Kept in localStorage so a reload, or the link opened in a new tab, keeps them.

/** A unit held for a buyer until heldUntil; orderId once it was checked out. */
export interface Admitted {
  id: string;
  email: string;
  heldUntil: string;
  orderId?: string;
}

export interface SaleMemory {
  registration?: { email: string; token: string };
  /** The units this browser was given, oldest first: the last is the one the page shows. */
  admissions?: Admitted[];
}

/** What an earlier version of this page stored: only the last unit. */
interface StoredMemory extends SaleMemory {
  admission?: Admitted;
}

const key = (sale: string) => `marketgate.flash-sale.${sale}`;

export function recall(sale: string): SaleMemory {
  try {
    const stored = localStorage.getItem(key(sale));
    if (!stored) return {};
    const { admission, ...memory } = JSON.parse(stored) as StoredMemory;
    return admission && !memory.admissions ? { ...memory, admissions: [admission] } : memory;
  } catch {
    // Storage refused (private mode) or holds something else: nothing remembered.
    return {};
  }
}

export function remember(sale: string, change: Partial<SaleMemory>): SaleMemory {
  const next = { ...recall(sale), ...change };
  try {
    localStorage.setItem(key(sale), JSON.stringify(next));
  } catch {
    // Without storage the page still works; it forgets on reload.
  }
  return next;
}

/** Adds a unit just held for the buyer. */
export function rememberAdmitted(sale: string, admission: Admitted): SaleMemory {
  const earlier = (recall(sale).admissions ?? []).filter((a) => a.id !== admission.id);
  return remember(sale, { admissions: [...earlier, admission] });
}

/** Records the order a held unit became. */
export function rememberOrdered(sale: string, admission: string, orderId: string): SaleMemory {
  const admissions = (recall(sale).admissions ?? []).map((a) => (a.id === admission ? { ...a, orderId } : a));
  return remember(sale, { admissions });
}

/** The unit the page shows: the last one given to this browser. */
export function lastAdmitted(memory: SaleMemory): Admitted | undefined {
  return memory.admissions?.at(-1);
}

/**
 * How many units of the sale the buyer with this email holds or bought, as far as this browser
 * knows: what counts against the sale's per-buyer limit. A hold that ran out unpaid went back to
 * the sale, and no longer counts.
 */
export function unitsTaken(memory: SaleMemory, email: string, now: number): number {
  const buyer = email.trim().toLowerCase();
  return (memory.admissions ?? []).filter(
    (a) => a.email.toLowerCase() === buyer && (a.orderId !== undefined || new Date(a.heldUntil).getTime() > now),
  ).length;
}
