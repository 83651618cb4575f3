import { and, asc, eq, inArray } from 'drizzle-orm';
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
