import type { TaxQuote } from '../tax/index.js';

// The arithmetic of a cart or an order, in integer minor units only. Pure.

export interface Totals {
  subtotal: number;
  /** None yet; the shape leaves room for promotions. */
  discount: number;
  /** Null until a shipping method is chosen. */
  shipping: number | null;
  /** Null until the address is known in a market whose prices exclude tax. */
  tax: number | null;
  taxIncluded: boolean;
  taxLines: Array<{ label: string; amount: number }>;
  total: number;
}

function safe(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} is not a whole amount of minor units: ${value}`);
  return value;
}

export function lineAmount(unitPrice: number, quantity: number): number {
  return safe(safe(unitPrice, 'unit price') * quantity, 'line amount');
}

export function totals(
  amounts: number[],
  options: { shipping: number | null; quote: TaxQuote | null; taxIncluded: boolean },
): Totals {
  const subtotal = safe(
    amounts.reduce((sum, amount) => sum + safe(amount, 'line amount'), 0),
    'subtotal',
  );
  const discount = 0;
  const shipping = options.shipping === null ? null : safe(options.shipping, 'shipping');
  const tax = options.quote ? safe(options.quote.totalTax, 'tax') : null;
  const added = options.quote && !options.quote.pricesIncludeTax ? options.quote.totalTax : 0;
  return {
    subtotal,
    discount,
    shipping,
    tax,
    taxIncluded: options.quote?.pricesIncludeTax ?? options.taxIncluded,
    taxLines: options.quote?.rates.map((r) => ({ label: r.label, amount: r.amount })) ?? [],
    total: safe(subtotal - discount + (shipping ?? 0) + added, 'total'),
  };
}
