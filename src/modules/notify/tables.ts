import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { products } from '../catalog/tables.js';
import { markets } from '../markets/tables.js';

// A visitor's request to hear when a product becomes sellable in a market: the demand signal
// launch planning reads, and the email that goes out once when it does.

export const notifyRequests = pgTable(
  'notify_requests',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    marketCode: text('market_code')
      .notNull()
      .references(() => markets.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
    email: text().notNull(),
    /** The consent wording the visitor agreed to, as shown. */
    consent: text().notNull(),
    /** The secret in the unsubscribe link. */
    token: text().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notify_requests_once_idx').on(t.productId, t.marketCode, sql`lower(${t.email})`),
    uniqueIndex('notify_requests_token_idx').on(t.token),
    index('notify_requests_pending_idx')
      .on(t.productId, t.marketCode)
      .where(sql`${t.notifiedAt} is null and ${t.unsubscribedAt} is null`),
  ],
);
