import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { variants } from '../catalog/tables.js';
import { markets } from '../markets/tables.js';

// Stock per location, which markets each location serves, and reservations against that stock.
// The database holds the line on overselling: a stock level's CHECK constraints refuse reserved
// above on hand and anything below zero, whatever the code does. The foreign keys to variants
// and markets keep stock from outliving its variant or a location from serving an unknown market;
// this module never reads those tables.

export const RESERVATION_STATES = ['held', 'committed', 'released'] as const;
export type ReservationState = (typeof RESERVATION_STATES)[number];
export const RELEASE_REASONS = ['cancelled', 'expired'] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

export const stockLocations = pgTable(
  'stock_locations',
  {
    code: text().primaryKey(),
    name: text().notNull(),
    /** Lower first: a reservation takes stock from the first location, by priority, that has it. */
    priority: integer().notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('stock_locations_code_check', sql`${t.code} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)],
);

export const locationMarkets = pgTable(
  'location_markets',
  {
    locationCode: text('location_code')
      .notNull()
      .references(() => stockLocations.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
    marketCode: text('market_code')
      .notNull()
      .references(() => markets.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.locationCode, t.marketCode] }),
    index('location_markets_market_idx').on(t.marketCode),
  ],
);

export const stockLevels = pgTable(
  'stock_levels',
  {
    locationCode: text('location_code')
      .notNull()
      .references(() => stockLocations.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
    // SKUs are the variant's public key; a renamed SKU carries its stock along.
    sku: text()
      .notNull()
      .references(() => variants.sku, { onDelete: 'cascade', onUpdate: 'cascade' }),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer().notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.locationCode, t.sku] }),
    index('stock_levels_sku_idx').on(t.sku),
    check('stock_levels_on_hand_check', sql`${t.onHand} >= 0`),
    check('stock_levels_reserved_check', sql`${t.reserved} >= 0`),
    check('stock_levels_reserved_on_hand_check', sql`${t.reserved} <= ${t.onHand}`),
  ],
);

/**
 * One line of a reservation: a quantity of one SKU held at one location. The lines of one
 * caller's reservation share its reference (an order id or number) and its expiry.
 */
export const reservations = pgTable(
  'reservations',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    reference: text().notNull(),
    locationCode: text('location_code').notNull(),
    sku: text().notNull(),
    quantity: integer().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    state: text().$type<ReservationState>().notNull().default('held'),
    releaseReason: text('release_reason').$type<ReleaseReason>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    // Lines follow their stock level: a renamed SKU or location carries its reservations along,
    // and deleting a variant or location deletes them with its stock.
    foreignKey({
      name: 'reservations_stock_level_fk',
      columns: [t.locationCode, t.sku],
      foreignColumns: [stockLevels.locationCode, stockLevels.sku],
    })
      .onDelete('cascade')
      .onUpdate('cascade'),
    unique('reservations_reference_line_key').on(t.reference, t.sku, t.locationCode),
    index('reservations_stock_level_idx').on(t.locationCode, t.sku),
    // The expiry job reads only held lines past their expiry.
    index('reservations_held_expiry_idx').on(t.expiresAt).where(sql`${t.state} = 'held'`),
    check('reservations_quantity_check', sql`${t.quantity} > 0`),
    check('reservations_state_check', sql`${t.state} in ('held', 'committed', 'released')`),
    check(
      'reservations_settled_check',
      sql`(${t.state} = 'held') = (${t.settledAt} is null) and (${t.state} = 'released') = (${t.releaseReason} is not null)`,
    ),
    check(
      'reservations_release_reason_check',
      sql`${t.releaseReason} is null or ${t.releaseReason} in ('cancelled', 'expired')`,
    ),
  ],
);

/** Every change of a stock level's on-hand count made by staff, with its reason. */
export const stockAdjustments = pgTable(
  'stock_adjustments',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    locationCode: text('location_code').notNull(),
    sku: text().notNull(),
    delta: integer().notNull(),
    onHandAfter: integer('on_hand_after').notNull(),
    reason: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'stock_adjustments_stock_level_fk',
      columns: [t.locationCode, t.sku],
      foreignColumns: [stockLevels.locationCode, stockLevels.sku],
    })
      .onDelete('cascade')
      .onUpdate('cascade'),
    index('stock_adjustments_stock_level_idx').on(t.locationCode, t.sku, t.id),
  ],
);
