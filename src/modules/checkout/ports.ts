import type { Executor } from '../../platform/database/index.js';
import type { FieldIssue } from '../../platform/errors.js';
import type { Market } from '../markets/index.js';
import type { ShippingAddress } from '../orders/index.js';

// What carts and checkout need from pricing, tax, shipping and inventory, named here so each of
// those modules can change inside without checkout noticing (the way readiness takes its sources).

export interface Price {
  sku: string;
  currency: string;
  /** Minor units. */
  amount: number;
}

export interface PriceSource {
  /** The price in force at `at` for each SKU that has one in the market. */
  pricesFor(marketCode: string, skus: string[], at: Date): Promise<Map<string, Price>>;
}

export interface TaxRequest {
  market: Market;
  /** Where the goods go; for a cart without an address yet, the market's first country. */
  destination: { country: string; region?: string | undefined; postalCode?: string | undefined };
  lines: Array<{ id: string; amount: number; quantity: number }>;
  shipping: number;
}

export interface TaxQuote {
  /** True when the prices already held the tax (VAT, GST): it is shown, not added. */
  included: boolean;
  lines: Array<{ id: string; tax: number }>;
  shippingTax: number;
  total: number;
  /** e.g. "VAT 20% (included)", "California sales tax 7.25%". */
  labels: Array<{ label: string; amount: number }>;
}

export interface TaxSource {
  quote(request: TaxRequest): Promise<TaxQuote>;
}

export interface ShippingMethod {
  code: string;
  name: string;
  amount: number;
  freeAbove: number | null;
}

export interface ShippingSource {
  methodsFor(marketCode: string): Promise<ShippingMethod[]>;
  /** What the method costs for a subtotal (free above its threshold). */
  cost(method: ShippingMethod, subtotal: number): number;
  /** The address's problems for this market, as field issues under `shippingAddress.`. */
  checkAddress(market: Market, address: ShippingAddress): FieldIssue[];
}

export interface StockSource {
  available(marketCode: string, skus: string[]): Promise<Map<string, number>>;
  /** Holds the stock for every line or none (409 naming what is short). */
  reserve(
    tx: Executor,
    request: {
      reference: string;
      marketCode: string;
      lines: Array<{ sku: string; quantity: number }>;
      expiresAt: Date;
    },
  ): Promise<unknown>;
  commit(tx: Executor, reference: string): Promise<void>;
  release(tx: Executor, reference: string, why: 'cancelled' | 'expired'): Promise<void>;
  /** Puts committed stock back on hand: a paid order cancelled before it shipped. */
  restock(tx: Executor, reference: string): Promise<void>;
}
