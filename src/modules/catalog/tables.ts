import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DeviceProfile } from './profile.js';

export interface ProductImage {
  url: string;
  alt: string;
}

export const categories = pgTable('categories', {
  code: text().primaryKey(),
  name: text().notNull(),
});

export const products = pgTable('products', {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  slug: text().notNull().unique('products_slug_key'),
  name: text().notNull(),
  description: text().notNull().default(''),
  category: text()
    .notNull()
    .references(() => categories.code),
  images: jsonb().$type<ProductImage[]>().notNull().default([]),
  deviceProfile: jsonb('device_profile').$type<DeviceProfile>().notNull(),
  requiredServices: text('required_services').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const variants = pgTable(
  'variants',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    sku: text().notNull().unique('variants_sku_key'),
    name: text().notNull(),
    attributes: jsonb().$type<Record<string, string>>().notNull().default({}),
    position: integer().notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('variants_product_id_idx').on(t.productId, t.position)],
);
