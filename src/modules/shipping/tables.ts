import { sql } from 'drizzle-orm';
import { bigint, boolean, check, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { markets } from '../markets/tables.js';

// A market's shipping methods: a flat rate in the market's currency, free from a threshold. The
// foreign key drops them with their market; the shipping module never reads the markets table.
export const shippingMethods = pgTable(
  'shipping_methods',
  {
    marketCode: text('market_code')
      .notNull()
      .references(() => markets.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
    code: text().notNull(),
    name: text().notNull(),
    /** The market's currency when the method was set; a method in another currency is not offered. */
    currency: text().notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    /** Free when the goods subtotal reaches this amount; null: never free. */
    freeAbove: bigint('free_above', { mode: 'number' }),
    minDays: integer('min_days'),
    maxDays: integer('max_days'),
    active: boolean().notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.marketCode, t.code] }),
    check('shipping_methods_code_check', sql`${t.code} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('shipping_methods_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('shipping_methods_amount_check', sql`${t.amount} >= 0 and (${t.freeAbove} is null or ${t.freeAbove} >= 0)`),
    check(
      'shipping_methods_days_check',
      sql`(${t.minDays} is null or ${t.minDays} >= 0) and (${t.maxDays} is null or ${t.maxDays} >= coalesce(${t.minDays}, 0))`,
    ),
  ],
);
