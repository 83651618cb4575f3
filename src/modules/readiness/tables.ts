import { bigserial, boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { products } from '../catalog/tables.js';
import { markets } from '../markets/tables.js';

// The last verdict recorded for each product and market, and every change of it. The foreign
// keys only keep rows from outliving their product or market; readiness never reads those tables.

export type GateStates = Record<'assortment' | 'compliance' | 'ecosystem', boolean>;

export const verdictStates = pgTable(
  'verdict_states',
  {
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    marketCode: text('market_code')
      .notNull()
      .references(() => markets.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
    sellable: boolean().notNull(),
    gates: jsonb().$type<GateStates>().notNull(),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.marketCode] })],
);

export const verdictChanges = pgTable(
  'verdict_changes',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    marketCode: text('market_code')
      .notNull()
      .references(() => markets.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
    fromSellable: boolean('from_sellable'),
    toSellable: boolean('to_sellable').notNull(),
    fromGates: jsonb('from_gates').$type<GateStates>(),
    toGates: jsonb('to_gates').$type<GateStates>().notNull(),
    /** The closed gates' reasons after the change. */
    reasons: jsonb().$type<string[]>().notNull(),
    cause: text().notNull(),
  },
  (t) => [index('verdict_changes_product_market_idx').on(t.productId, t.marketCode, t.id)],
);
