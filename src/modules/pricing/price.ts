import type { FieldIssue } from '../../platform/errors.js';

// Pure: which price is in force at an instant. A variant may have a base price (no validFrom) and
// dated prices over windows (a launch price, a sale). At an instant, of the prices whose window
// holds it (validFrom <= t < validUntil, an open end holding forever), the one that started last
// wins: a sale inside a launch window overrides the launch price, and the base price shows
// whenever no dated price holds.

/** The price of one variant in a market's currency, in minor units: what carts and checkout read. */
export interface Price {
  sku: string;
  currency: string;
  amount: number;
}

/** A stored price with its window. */
export interface PriceEntry extends Price {
  validFrom: Date | null;
  validUntil: Date | null;
}

export function holdsAt(entry: { validFrom: Date | null; validUntil: Date | null }, instant: Date): boolean {
  const t = instant.getTime();
  return (
    (entry.validFrom === null || entry.validFrom.getTime() <= t) &&
    (entry.validUntil === null || t < entry.validUntil.getTime())
  );
}

/** The entry in force at the instant among one variant's entries, or undefined. */
export function entryInForce<E extends PriceEntry>(entries: readonly E[], instant: Date): E | undefined {
  let best: E | undefined;
  for (const entry of entries) {
    if (!holdsAt(entry, instant)) continue;
    if (
      !best ||
      (entry.validFrom?.getTime() ?? Number.NEGATIVE_INFINITY) > (best.validFrom?.getTime() ?? Number.NEGATIVE_INFINITY)
    ) {
      best = entry;
    }
  }
  return best;
}

/** The price in force for each SKU at the instant; SKUs with none are absent. */
export function pricesInForce(entries: readonly PriceEntry[], instant: Date): Map<string, Price> {
  const bySku = new Map<string, PriceEntry[]>();
  for (const entry of entries) {
    const list = bySku.get(entry.sku);
    if (list) list.push(entry);
    else bySku.set(entry.sku, [entry]);
  }
  const prices = new Map<string, Price>();
  for (const [sku, list] of bySku) {
    const entry = entryInForce(list, instant);
    if (entry) prices.set(sku, { sku, currency: entry.currency, amount: entry.amount });
  }
  return prices;
}

/** The first instant after `instant` at which a window opens or closes: when a cached answer goes stale. */
export function nextPriceChange(entries: readonly PriceEntry[], instant: Date): Date | null {
  const t = instant.getTime();
  let next = Number.POSITIVE_INFINITY;
  for (const { validFrom, validUntil } of entries) {
    for (const edge of [validFrom, validUntil]) {
      if (edge !== null && edge.getTime() > t && edge.getTime() < next) next = edge.getTime();
    }
  }
  return Number.isFinite(next) ? new Date(next) : null;
}

/** The table's window check, said with field names. */
export function windowIssues(window: { validFrom: Date | null; validUntil: Date | null }): FieldIssue[] {
  if (window.validFrom && window.validUntil && window.validUntil.getTime() <= window.validFrom.getTime()) {
    return [{ field: 'validUntil', message: `must be after validFrom (${window.validFrom.toISOString()})` }];
  }
  return [];
}
