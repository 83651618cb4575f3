import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/database/index.js';
import type { Market, MarketInput, MarketPatch } from './schemas.js';
import { markets } from './tables.js';

type Row = typeof markets.$inferSelect;

function toMarket(row: Row): Market {
  return {
    code: row.code,
    name: row.name,
    countries: row.countries,
    currency: row.currency,
    locale: row.locale,
    taxMode: row.taxMode,
    jurisdiction: row.jurisdiction,
    allowedRegions: row.allowedRegions,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const marketStore = {
  async list(db: Executor): Promise<Market[]> {
    return (await db.select().from(markets).orderBy(asc(markets.code))).map(toMarket);
  },

  /** The market's row, locked until the transaction ends: for update, or shared against updates. */
  async lock(db: Executor, code: string, mode: 'update' | 'share'): Promise<Market | undefined> {
    const [row] = await db.select().from(markets).where(eq(markets.code, code)).for(mode);
    return row ? toMarket(row) : undefined;
  },

  async insert(db: Executor, input: MarketInput): Promise<Market> {
    const [row] = await db
      .insert(markets)
      .values({ ...input, allowedRegions: input.allowedRegions ?? [] })
      .returning();
    return toMarket(row!);
  },

  async update(db: Executor, code: string, patch: MarketPatch): Promise<Market | undefined> {
    const [row] = await db
      .update(markets)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(markets.code, code))
      .returning();
    return row ? toMarket(row) : undefined;
  },

  async delete(db: Executor, code: string): Promise<boolean> {
    const rows = await db.delete(markets).where(eq(markets.code, code)).returning({ code: markets.code });
    return rows.length > 0;
  },
};
