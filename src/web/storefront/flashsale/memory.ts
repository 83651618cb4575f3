// What this browser remembers of a buyer's part in a sale, per sale: the registration the emailed
// link confirmed (its token is the buyer's pass at purchase), the unit held for them, and the order
// it became. Kept in localStorage so a reload, or the link opened in a new tab, keeps them.

export interface SaleMemory {
  registration?: { email: string; token: string };
  admission?: { id: string; email: string; heldUntil: string; orderId?: string };
}

const key = (sale: string) => `marketgate.flash-sale.${sale}`;

export function recall(sale: string): SaleMemory {
  try {
    const stored = localStorage.getItem(key(sale));
    return stored ? (JSON.parse(stored) as SaleMemory) : {};
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
