import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const markets = pgTable(
  'markets',
  {
    code: text().primaryKey(),
    name: text().notNull(),
    countries: text().array().notNull(),
    currency: text().notNull(),
    locale: text().notNull(),
    taxMode: text('tax_mode').$type<'inclusive' | 'exclusive'>().notNull(),
    jurisdiction: text().notNull(),
    allowedRegions: text('allowed_regions').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('markets_tax_mode_check', sql`${t.taxMode} in ('inclusive', 'exclusive')`),
    check('markets_code_check', sql`${t.code} ~ '^[A-Z0-9]{2,8}$'`),
    check('markets_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);
