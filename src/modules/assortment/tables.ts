import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { products } from '../catalog/tables.js';
import { markets } from '../markets/tables.js';

// The foreign keys keep a listing from outliving its market or product; the assortment module
// never reads those tables, it only lets the database hold the line.
export const listings = pgTable(
  'listings',
  {
    marketCode: text('market_code')
      .notNull()
      .references(() => markets.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    listedAt: timestamp('listed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.marketCode, t.productId] }), index('listings_product_id_idx').on(t.productId)],
);
