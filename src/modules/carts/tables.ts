import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { markets } from '../markets/tables.js';

// A cart is anonymous: its random id is the shopper's token. It belongs to one market, since
// prices, tax and what may be sold all depend on the market.

export const carts = pgTable('carts', {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  marketCode: text('market_code')
    .notNull()
    .references(() => markets.code, { onUpdate: 'cascade', onDelete: 'cascade' }),
  /** Set by checkout: a cart that became an order takes no more changes. */
  orderId: uuid('order_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const cartItems = pgTable(
  'cart_items',
  {
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    sku: text().notNull(),
    quantity: integer().notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cartId, t.sku] }),
    check('cart_items_quantity_check', sql`${t.quantity} between 1 and 99`),
  ],
);
