import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { variants } from '../catalog/tables.js';
import { markets } from '../markets/tables.js';

// A variant's price in a market, in the market's currency as integer minor units, over an optional
// window. The foreign keys keep a price from outliving its market or variant and follow a renamed
// SKU; the pricing module never reads those tables.
export const prices = pgTable(
  'prices',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    marketCode: text('market_code')
      .notNull()
      .references(() => markets.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
    sku: text()
      .notNull()
      .references(() => variants.sku, { onDelete: 'cascade', onUpdate: 'cascade' }),
    /** The market's currency when the price was set; a price in another currency is never shown. */
    currency: text().notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    /** Null: in force since always (the base price). */
    validFrom: timestamp('valid_from', { withTimezone: true }),
    /** Null: in force until another price replaces it. Exclusive. */
    validUntil: timestamp('valid_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One base price per variant and market, and one price per start instant; the key also serves
    // the lookup of a market's prices by SKU.
    unique('prices_market_sku_from_key').on(t.marketCode, t.sku, t.validFrom).nullsNotDistinct(),
    // For the cascade when a variant is deleted or its SKU renamed, and for GET /api/admin/prices?sku=.
    index('prices_sku_idx').on(t.sku),
    check('prices_amount_check', sql`${t.amount} >= 0`),
    check('prices_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check(
      'prices_window_check',
      sql`${t.validUntil} is null or ${t.validFrom} is null or ${t.validUntil} > ${t.validFrom}`,
    ),
  ],
);
