import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/database/index.js';
import type { PriceEntry } from './price.js';
import { prices } from './tables.js';

// SQL for the prices table, nothing else.

export interface StoredPrice extends PriceEntry {
  marketCode: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface PriceValues {
  marketCode: string;
  sku: string;
  currency: string;
  amount: number;
  validFrom: Date | null;
  validUntil: Date | null;
}

type Row = typeof prices.$inferSelect;

function toPrice(row: Row): StoredPrice {
  return {
    marketCode: row.marketCode,
    sku: row.sku,
    currency: row.currency,
    amount: row.amount,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const sameStart = (validFrom: Date | null) =>
  validFrom === null ? isNull(prices.validFrom) : eq(prices.validFrom, validFrom);

export const pricingStore = {
  /**
   * Every price (any window) of these SKUs in the market and currency, in one query: the entries
   * that the price in force, and the next change, are read off.
   */
  async entries(db: Executor, marketCode: string, currency: string, skus: string[]): Promise<PriceEntry[]> {
    if (skus.length === 0) return [];
    return db
      .select({
        sku: prices.sku,
        currency: prices.currency,
        amount: prices.amount,
        validFrom: prices.validFrom,
        validUntil: prices.validUntil,
      })
      .from(prices)
      .where(and(eq(prices.marketCode, marketCode), eq(prices.currency, currency), inArray(prices.sku, skus)));
  },

  async list(
    db: Executor,
    filter: { marketCode?: string | undefined; sku?: string | undefined },
  ): Promise<StoredPrice[]> {
    const rows = await db
      .select()
      .from(prices)
      .where(
        and(
          filter.marketCode === undefined ? undefined : eq(prices.marketCode, filter.marketCode),
          filter.sku === undefined ? undefined : eq(prices.sku, filter.sku),
        ),
      )
      .orderBy(asc(prices.marketCode), asc(prices.sku), sql`${prices.validFrom} asc nulls first`);
    return rows.map(toPrice);
  },

  /** Sets the price that starts at validFrom (the base price when null), replacing it if it exists. */
  async upsert(db: Executor, values: PriceValues): Promise<StoredPrice> {
    const [row] = await db
      .insert(prices)
      .values(values)
      .onConflictDoUpdate({
        target: [prices.marketCode, prices.sku, prices.validFrom],
        set: {
          currency: values.currency,
          amount: values.amount,
          validUntil: values.validUntil,
          updatedAt: sql`now()`,
        },
      })
      .returning();
    return toPrice(row!);
  },

  /** How many of the market's prices, in any window, are in this currency. */
  async countIn(db: Executor, marketCode: string, currency: string): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(prices)
      .where(and(eq(prices.marketCode, marketCode), eq(prices.currency, currency)));
    return row?.n ?? 0;
  },

  async delete(db: Executor, marketCode: string, sku: string, validFrom: Date | null): Promise<boolean> {
    const rows = await db
      .delete(prices)
      .where(and(eq(prices.marketCode, marketCode), eq(prices.sku, sku), sameStart(validFrom)))
      .returning({ id: prices.id });
    return rows.length > 0;
  },
};
