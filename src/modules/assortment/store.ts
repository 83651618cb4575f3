import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/database/index.js';
import { listings } from './tables.js';

export interface Listing {
  productId: string;
  listedAt: Date;
}

export const assortmentStore = {
  async listings(db: Executor, marketCode: string): Promise<Listing[]> {
    return db
      .select({ productId: listings.productId, listedAt: listings.listedAt })
      .from(listings)
      .where(eq(listings.marketCode, marketCode))
      .orderBy(asc(listings.listedAt));
  },

  /**
   * Every listing, a row per market with its listings as JSON: [product id, listed at in ms].
   * Decoding a row and a Date per listing took three times as long (125,000 listings: 0.7 s on PGlite).
   */
  async allListings(db: Executor): Promise<Array<{ marketCode: string; listings: Array<[string, number]> }>> {
    return db
      .select({
        marketCode: listings.marketCode,
        listings: sql<Array<[string, number]>>`json_agg(json_build_array(
          ${listings.productId}, floor(extract(epoch from ${listings.listedAt}) * 1000)
        ))`,
      })
      .from(listings)
      .groupBy(listings.marketCode);
  },

  async listingsOfProducts(db: Executor, productIds: string[]): Promise<Array<Listing & { marketCode: string }>> {
    return db
      .select({ marketCode: listings.marketCode, productId: listings.productId, listedAt: listings.listedAt })
      .from(listings)
      .where(inArray(listings.productId, productIds))
      .orderBy(asc(listings.marketCode), asc(listings.listedAt));
  },

  async listing(db: Executor, marketCode: string, productId: string): Promise<Listing | undefined> {
    const [row] = await db
      .select({ productId: listings.productId, listedAt: listings.listedAt })
      .from(listings)
      .where(and(eq(listings.marketCode, marketCode), eq(listings.productId, productId)));
    return row;
  },

  /** Lists the product; listing it again keeps the first listing time. */
  async list(db: Executor, marketCode: string, productId: string, listedAt: Date): Promise<Listing> {
    await db.insert(listings).values({ marketCode, productId, listedAt }).onConflictDoNothing();
    return (await assortmentStore.listing(db, marketCode, productId))!;
  },

  async unlist(db: Executor, marketCode: string, productId: string): Promise<boolean> {
    const rows = await db
      .delete(listings)
      .where(and(eq(listings.marketCode, marketCode), eq(listings.productId, productId)))
      .returning({ productId: listings.productId });
    return rows.length > 0;
  },
};
