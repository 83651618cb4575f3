import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Cloud services a product depends on, the regions they can run in, and when each service runs
// where. A deployment's status is read off its dates at an instant: planned before liveFrom (or
// with no date yet), live from liveFrom, retired from retiredOn.

export const cloudServices = pgTable('cloud_services', {
  code: text().primaryKey(),
  name: text().notNull(),
  description: text().notNull().default(''),
});

export const cloudRegions = pgTable('cloud_regions', {
  code: text().primaryKey(),
  name: text().notNull(),
  /** ISO 3166-1 alpha-2 country the region's data centres are in. */
  country: text().notNull(),
});

export const deployments = pgTable(
  'deployments',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    serviceCode: text('service_code')
      .notNull()
      .references(() => cloudServices.code, { onDelete: 'cascade' }),
    regionCode: text('region_code')
      .notNull()
      .references(() => cloudRegions.code, { onDelete: 'restrict' }),
    liveFrom: date('live_from', { mode: 'string' }),
    retiredOn: date('retired_on', { mode: 'string' }),
    notes: text().notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('deployments_service_idx').on(t.serviceCode),
    check(
      'deployments_dates_check',
      sql`${t.retiredOn} is null or (${t.liveFrom} is not null and ${t.retiredOn} > ${t.liveFrom})`,
    ),
  ],
);
