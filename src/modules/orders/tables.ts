import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { markets } from '../markets/tables.js';
import type { ShippingAddress } from '../shipping/index.js';
import type { OrderStatus } from './status.js';

// An order keeps its own copy of what was sold and at what price: prices, names and tax rates
// change later, the order must not.

export interface TaxLine {
  label: string;
  amount: number;
}

const money = (name: string) => bigint(name, { mode: 'number' }).notNull();

/** Order numbers people read out on the phone: short, increasing, never reused. */
export const orderNumbers = pgSequence('order_number_seq', { startWith: 100001 });

export const orders = pgTable(
  'orders',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    seq: bigint({ mode: 'number' }).notNull().default(sql`nextval('order_number_seq')`),
    number: text().notNull().generatedAlwaysAs(sql`market_code || '-' || seq::text`).unique('orders_number_key'),
    marketCode: text('market_code')
      .notNull()
      .references(() => markets.code, { onUpdate: 'cascade' }),
    cartId: uuid('cart_id'),
    email: text().notNull(),
    shippingAddress: jsonb('shipping_address').$type<ShippingAddress>().notNull(),
    shippingMethod: jsonb('shipping_method').$type<{ code: string; name: string }>().notNull(),
    currency: text().notNull(),
    subtotal: money('subtotal'),
    discount: money('discount').default(0),
    shipping: money('shipping'),
    tax: money('tax'),
    /** Whether the prices already held the tax (VAT, GST) or it was added on top (US sales tax). */
    taxIncluded: boolean('tax_included').notNull(),
    taxLines: jsonb('tax_lines').$type<TaxLine[]>().notNull().default([]),
    total: money('total'),
    refunded: money('refunded').default(0),
    status: text().$type<OrderStatus>().notNull(),
    /** Until when its stock is held for payment; after that the order is cancelled. */
    holdUntil: timestamp('hold_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'orders_status_check',
      sql`${t.status} in ('pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'refunded')`,
    ),
    check('orders_amounts_check', sql`${t.subtotal} >= 0 and ${t.shipping} >= 0 and ${t.tax} >= 0 and ${t.total} >= 0`),
    check('orders_refunded_check', sql`${t.refunded} between 0 and ${t.total}`),
    index('orders_market_created_idx').on(t.marketCode, t.createdAt),
    index('orders_email_idx').on(sql`lower(${t.email})`),
    index('orders_hold_idx').on(t.holdUntil).where(sql`${t.status} = 'pending_payment'`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    sku: text().notNull(),
    productId: uuid('product_id').notNull(),
    productName: text('product_name').notNull(),
    variantName: text('variant_name').notNull(),
    quantity: integer().notNull(),
    unitPrice: money('unit_price'),
    amount: money('amount'),
    tax: money('tax'),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.position] }),
    check('order_lines_quantity_check', sql`${t.quantity} > 0`),
  ],
);

/** Every move of every order: who, when, from what to what. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull(),
    action: text().notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** "customer", "system: reservation expired", or the staff member's email. */
    actor: text().notNull(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.id)],
);
