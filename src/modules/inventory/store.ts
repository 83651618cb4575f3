import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/database/index.js';
import { preparedPerDatabase } from '../../platform/database/prepared.js';
import { locationMarkets, stockAdjustments, stockLevels, stockLocations } from './tables.js';

// SQL for stock locations, the markets they serve, stock levels and staff adjustments, nothing else.

export interface StoredLocation {
  code: string;
  name: string;
  priority: number;
  markets: string[];
}

export interface StoredLevel {
  location: string;
  sku: string;
  onHand: number;
  reserved: number;
  updatedAt: Date;
}

export interface StoredAdjustment {
  delta: number;
  onHandAfter: number;
  reason: string;
  at: Date;
}

const levelColumns = {
  location: stockLevels.locationCode,
  sku: stockLevels.sku,
  onHand: stockLevels.onHand,
  reserved: stockLevels.reserved,
  updatedAt: stockLevels.updatedAt,
};

/** The locations serving a market, as a condition on a location code column. */
const servesMarket = (column: typeof stockLevels.locationCode, market: string): SQL =>
  inArray(
    column,
    sql`(select ${locationMarkets.locationCode} from ${locationMarkets} where ${locationMarkets.marketCode} = ${market})`,
  );

export const inventoryStore = {
  async listLocations(db: Executor, code?: string): Promise<StoredLocation[]> {
    return db
      .select({
        code: stockLocations.code,
        name: stockLocations.name,
        priority: stockLocations.priority,
        markets: sql<string[]>`coalesce(array_agg(${locationMarkets.marketCode} order by ${locationMarkets.marketCode})
          filter (where ${locationMarkets.marketCode} is not null), '{}')`,
      })
      .from(stockLocations)
      .leftJoin(locationMarkets, eq(locationMarkets.locationCode, stockLocations.code))
      .where(code === undefined ? undefined : eq(stockLocations.code, code))
      .groupBy(stockLocations.code)
      .orderBy(asc(stockLocations.priority), asc(stockLocations.code));
  },

  async insertLocation(db: Executor, values: { code: string; name: string; priority: number }): Promise<void> {
    await db.insert(stockLocations).values(values);
  },

  async updateLocation(
    db: Executor,
    code: string,
    values: { name?: string | undefined; priority?: number | undefined },
  ): Promise<boolean> {
    const rows = await db
      .update(stockLocations)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(stockLocations.code, code))
      .returning({ code: stockLocations.code });
    return rows.length > 0;
  },

  async setLocationMarkets(db: Executor, code: string, markets: string[]): Promise<void> {
    await db.delete(locationMarkets).where(eq(locationMarkets.locationCode, code));
    if (markets.length > 0) {
      await db.insert(locationMarkets).values(markets.map((marketCode) => ({ locationCode: code, marketCode })));
    }
  },

  /** The location's stock levels still holding units, locked until the transaction ends. */
  async lockHeldStock(db: Executor, code: string): Promise<StoredLevel[]> {
    return db
      .select(levelColumns)
      .from(stockLevels)
      .where(and(eq(stockLevels.locationCode, code), sql`(${stockLevels.onHand} > 0 or ${stockLevels.reserved} > 0)`))
      .orderBy(asc(stockLevels.sku))
      .for('update');
  },

  /** Deletes the location with its (empty) stock levels and their reservations and adjustments. */
  async deleteLocation(db: Executor, code: string): Promise<boolean> {
    const rows = await db
      .delete(stockLocations)
      .where(eq(stockLocations.code, code))
      .returning({ code: stockLocations.code });
    return rows.length > 0;
  },

  async levels(
    db: Executor,
    filter: { market?: string | undefined; sku?: string | undefined },
  ): Promise<StoredLevel[]> {
    return db
      .select(levelColumns)
      .from(stockLevels)
      .where(
        and(
          filter.market === undefined ? undefined : servesMarket(stockLevels.locationCode, filter.market),
          filter.sku === undefined ? undefined : eq(stockLevels.sku, filter.sku),
        ),
      )
      .orderBy(asc(stockLevels.sku), asc(stockLevels.locationCode));
  },

  async level(db: Executor, location: string, sku: string, options: { forUpdate?: boolean } = {}) {
    const query = db
      .select(levelColumns)
      .from(stockLevels)
      .where(and(eq(stockLevels.locationCode, location), eq(stockLevels.sku, sku)));
    const [row] = options.forUpdate ? await query.for('update') : await query;
    return row as StoredLevel | undefined;
  },

  /**
   * Makes sure the stock level exists (empty when new). The foreign keys refuse an unknown
   * location or SKU.
   */
  async ensureLevel(db: Executor, location: string, sku: string): Promise<void> {
    await db.insert(stockLevels).values({ locationCode: location, sku }).onConflictDoNothing();
  },

  /** Sets on hand; the table's checks refuse a value below zero or below what is reserved. */
  async setOnHand(db: Executor, location: string, sku: string, onHand: SQL | number): Promise<StoredLevel> {
    const [row] = await db
      .update(stockLevels)
      .set({ onHand, updatedAt: sql`now()` })
      .where(and(eq(stockLevels.locationCode, location), eq(stockLevels.sku, sku)))
      .returning(levelColumns);
    return row!;
  },

  async recordAdjustment(
    db: Executor,
    values: { location: string; sku: string; delta: number; onHandAfter: number; reason: string },
  ): Promise<void> {
    await db.insert(stockAdjustments).values({
      locationCode: values.location,
      sku: values.sku,
      delta: values.delta,
      onHandAfter: values.onHandAfter,
      reason: values.reason,
    });
  },

  adjustments(db: Executor, location: string, sku: string, limit: number): Promise<StoredAdjustment[]> {
    return db
      .select({
        delta: stockAdjustments.delta,
        onHandAfter: stockAdjustments.onHandAfter,
        reason: stockAdjustments.reason,
        at: stockAdjustments.at,
      })
      .from(stockAdjustments)
      .where(and(eq(stockAdjustments.locationCode, location), eq(stockAdjustments.sku, sku)))
      .orderBy(desc(stockAdjustments.id))
      .limit(limit);
  },

  /** Available units per SKU over every location serving the market, in one query. */
  async availableIn(db: Database, market: string, skus: string[]): Promise<Map<string, number>> {
    const rows = await availableInQuery(db).execute({ market, skus });
    return new Map(rows.map((r) => [r.sku, Number(r.available)]));
  },
};

// Every add to a cart asks it: prepared once (platform/database/prepared.ts), so the SKUs are
// one array parameter rather than a list whose length changes the statement.
const availableInQuery = preparedPerDatabase((db) =>
  db
    .select({
      sku: stockLevels.sku,
      available: sql<number>`sum(${stockLevels.onHand} - ${stockLevels.reserved})::int`,
    })
    .from(stockLevels)
    .where(
      and(
        sql`${stockLevels.sku} = any(${sql.placeholder('skus')}::text[])`,
        inArray(
          stockLevels.locationCode,
          sql`(select ${locationMarkets.locationCode} from ${locationMarkets} where ${locationMarkets.marketCode} = ${sql.placeholder('market')})`,
        ),
      ),
    )
    .groupBy(stockLevels.sku)
    .prepare('inventory_available_in'),
);
