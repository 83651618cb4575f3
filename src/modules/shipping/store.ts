import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/database/index.js';
import type { ShippingMethod } from './method.js';
import { shippingMethods } from './tables.js';

// SQL for the shipping methods table, nothing else.

export interface StoredMethod extends ShippingMethod {
  createdAt: Date;
  updatedAt: Date;
}

export type MethodValues = Omit<ShippingMethod, 'market'> & { marketCode: string };

type Row = typeof shippingMethods.$inferSelect;

function toMethod(row: Row): StoredMethod {
  return {
    market: row.marketCode,
    code: row.code,
    name: row.name,
    currency: row.currency,
    amount: row.amount,
    freeAbove: row.freeAbove,
    minDays: row.minDays,
    maxDays: row.maxDays,
    active: row.active,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const shippingStore = {
  /** The market's methods, cheapest first. */
  async list(db: Executor, marketCode: string): Promise<StoredMethod[]> {
    const rows = await db
      .select()
      .from(shippingMethods)
      .where(eq(shippingMethods.marketCode, marketCode))
      .orderBy(asc(shippingMethods.amount), asc(shippingMethods.code));
    return rows.map(toMethod);
  },

  async upsert(db: Executor, values: MethodValues): Promise<StoredMethod> {
    const { marketCode, code, ...rest } = values;
    const [row] = await db
      .insert(shippingMethods)
      .values(values)
      .onConflictDoUpdate({
        target: [shippingMethods.marketCode, shippingMethods.code],
        set: { ...rest, updatedAt: sql`now()` },
      })
      .returning();
    return toMethod(row!);
  },

  /** How many of the market's methods, active or not, charge in this currency. */
  async countIn(db: Executor, marketCode: string, currency: string): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(shippingMethods)
      .where(and(eq(shippingMethods.marketCode, marketCode), eq(shippingMethods.currency, currency)));
    return row?.n ?? 0;
  },

  async delete(db: Executor, marketCode: string, code: string): Promise<boolean> {
    const rows = await db
      .delete(shippingMethods)
      .where(and(eq(shippingMethods.marketCode, marketCode), eq(shippingMethods.code, code)))
      .returning({ code: shippingMethods.code });
    return rows.length > 0;
  },
};
