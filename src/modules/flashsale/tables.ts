import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { variants } from '../catalog/tables.js';
import { stockLocations } from '../inventory/tables.js';
import { markets } from '../markets/tables.js';

// A flash sale's units are set aside from one stock location when the sale is created, so the
// regular storefront cannot sell them; admission then moves units between three counters whose
// sum is always the quantity: remaining (quantity - sold - held), held (admitted, not yet paid)
// and sold. The CHECK constraints hold that line whatever the code does.

export const ADMISSION_STATES = ['held', 'paid', 'expired'] as const;
export type AdmissionState = (typeof ADMISSION_STATES)[number];

export const flashSales = pgTable(
  'flash_sales',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    marketCode: text('market_code')
      .notNull()
      .references(() => markets.code, { onUpdate: 'cascade' }),
    sku: text()
      .notNull()
      .references(() => variants.sku, { onUpdate: 'cascade' }),
    /** Where the units were set aside from, and go back to when the sale ends. */
    locationCode: text('location_code')
      .notNull()
      .references(() => stockLocations.code, { onUpdate: 'cascade' }),
    /** Minor units of the market's currency, tax as the market shows prices. */
    price: bigint({ mode: 'number' }).notNull(),
    quantity: integer().notNull(),
    held: integer().notNull().default(0),
    sold: integer().notNull().default(0),
    /** Units given back to the location after the end; set once, by the closing job. */
    returned: integer(),
    registrationOpensAt: timestamp('registration_opens_at', { withTimezone: true }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    perCustomerLimit: integer('per_customer_limit').notNull(),
    registrationRequired: boolean('registration_required').notNull().default(false),
    paymentWindowSeconds: integer('payment_window_seconds').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check(
      'flash_sales_counts_check',
      sql`${t.held} >= 0 and ${t.sold} >= 0 and ${t.held} + ${t.sold} <= ${t.quantity}`,
    ),
    check('flash_sales_quantity_check', sql`${t.quantity} > 0`),
    check('flash_sales_price_check', sql`${t.price} > 0`),
    check('flash_sales_window_check', sql`${t.startsAt} < ${t.endsAt}`),
    check('flash_sales_limit_check', sql`${t.perCustomerLimit} > 0`),
    index('flash_sales_market_idx').on(t.marketCode, t.startsAt),
  ],
);

/** A buyer's registration: verified once they open the link sent to their email. */
export const flashSaleRegistrations = pgTable(
  'flash_sale_registrations',
  {
    saleId: uuid('sale_id')
      .notNull()
      .references(() => flashSales.id, { onDelete: 'cascade' }),
    /** Lower-cased: one registration per address. */
    email: text().notNull(),
    /** SHA-256 of the secret in the verification link; the secret itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    /**
     * A newer link's secret, asked for after the registration was verified: it replaces the token
     * only once opened, so that anyone asking again for an address cannot undo its owner's place.
     */
    pendingTokenHash: text('pending_token_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.saleId, t.email] }),
    index('flash_sale_registrations_token_idx').on(t.tokenHash),
    index('flash_sale_registrations_pending_token_idx').on(t.pendingTokenHash),
  ],
);

/** How many units each buyer holds or bought: the row that serialises one buyer's concurrent attempts. */
export const flashSaleBuyers = pgTable(
  'flash_sale_buyers',
  {
    saleId: uuid('sale_id')
      .notNull()
      .references(() => flashSales.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    admitted: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.saleId, t.email] }),
    check('flash_sale_buyers_admitted_check', sql`${t.admitted} >= 0`),
  ],
);

/** One admitted unit: held for the payment window, then paid or expired. */
export const flashSaleAdmissions = pgTable(
  'flash_sale_admissions',
  {
    id: uuid().primaryKey(),
    saleId: uuid('sale_id')
      .notNull()
      .references(() => flashSales.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    state: text({ enum: ADMISSION_STATES }).notNull().default('held'),
    /** The buyer's Idempotency-Key: a retry gets this admission again. */
    idempotencyKey: text('idempotency_key'),
    admittedAt: timestamp('admitted_at', { withTimezone: true }).notNull(),
    heldUntil: timestamp('held_until', { withTimezone: true }).notNull(),
    orderId: uuid('order_id'),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    index('flash_sale_admissions_buyer_idx').on(t.saleId, t.email),
    uniqueIndex('flash_sale_admissions_key_idx')
      .on(t.saleId, t.email, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    // One order per admitted unit: checkout attaches the order while the unit is held.
    uniqueIndex('flash_sale_admissions_order_idx').on(t.orderId),
    index('flash_sale_admissions_due_idx').on(t.heldUntil).where(sql`${t.state} = 'held'`),
    check('flash_sale_admissions_state_check', sql`${t.state} in ('held', 'paid', 'expired')`),
  ],
);
