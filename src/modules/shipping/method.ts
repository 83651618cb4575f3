import type { FieldIssue } from '../../platform/errors.js';

// Pure: what a shipping method costs for an order.

/** A market's way of delivering, in the market's currency (minor units). */
export interface ShippingMethod {
  market: string;
  code: string;
  name: string;
  currency: string;
  amount: number;
  /** The goods subtotal from which delivery is free; null: never free. */
  freeAbove: number | null;
  minDays: number | null;
  maxDays: number | null;
  active: boolean;
}

/**
 * The shipping charge for a goods subtotal (minor units, after discounts; tax-inclusive in an
 * inclusive market, before tax in an exclusive one): free when the subtotal reaches the method's
 * threshold ("free from $35": exactly $35.00 ships free), the flat amount otherwise.
 */
export function shippingCost(method: Pick<ShippingMethod, 'amount' | 'freeAbove'>, subtotal: number): number {
  return method.freeAbove !== null && subtotal >= method.freeAbove ? 0 : method.amount;
}

/** The table's delivery-days check, said with field names. */
export function daysIssues(days: { minDays: number | null; maxDays: number | null }): FieldIssue[] {
  if (days.maxDays !== null && days.maxDays < (days.minDays ?? 0)) {
    return [{ field: 'maxDays', message: `must be at least minDays (${days.minDays ?? 0})` }];
  }
  return [];
}
