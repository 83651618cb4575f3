// Pure: what a stock level means. Available is on hand less what reservations hold; the database
// keeps reserved between zero and on hand, so it is never negative there.

export interface StockCounts {
  onHand: number;
  reserved: number;
}

export function availableOf(level: StockCounts): number {
  return Math.max(0, level.onHand - level.reserved);
}

export interface SkuTotals {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
}

/** The levels added up per SKU, sorted by SKU. */
export function totalsBySku(levels: ReadonlyArray<StockCounts & { sku: string }>): SkuTotals[] {
  const totals = new Map<string, SkuTotals>();
  for (const level of levels) {
    const total = totals.get(level.sku) ?? { sku: level.sku, onHand: 0, reserved: 0, available: 0 };
    total.onHand += level.onHand;
    total.reserved += level.reserved;
    total.available += availableOf(level);
    totals.set(level.sku, total);
  }
  return [...totals.values()].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

/**
 * Shoppers see at most this many: enough to say "only 3 left" and to fill a cart, without
 * publishing the stock count to competitors and scrapers.
 */
export const SHELF_LIMIT = 10;

export interface ShelfStock {
  inStock: boolean;
  /** Available now, capped at SHELF_LIMIT: SHELF_LIMIT means that many or more. */
  available: number;
}

export function shelfStock(available: number): ShelfStock {
  return { inStock: available > 0, available: Math.max(0, Math.min(available, SHELF_LIMIT)) };
}
