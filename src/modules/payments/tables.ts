import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orders } from '../orders/tables.js';

// Our record of each attempt to pay an order, written before the provider is called and again
// after: a payment left `pending` by a crash is finished by the next try with the same id.

export type PaymentStatus = 'pending' | 'captured' | 'declined' | 'failed';

export const payments = pgTable(
  'payments',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    provider: text().notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    status: text().$type<PaymentStatus>().notNull(),
    reference: text(),
    cardBrand: text('card_brand'),
    cardLast4: text('card_last4'),
    declineCode: text('decline_code'),
    message: text(),
    refunded: bigint({ mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('payments_status_check', sql`${t.status} in ('pending', 'captured', 'declined', 'failed')`),
    check('payments_refunded_check', sql`${t.refunded} between 0 and ${t.amount}`),
    index('payments_order_idx').on(t.orderId),
    index('payments_reference_idx').on(t.provider, t.reference),
  ],
);

/** Webhook events already handled, so a provider's redelivery changes nothing. */
export const paymentEvents = pgTable(
  'payment_events',
  {
    provider: text().notNull(),
    eventId: text('event_id').notNull(),
    type: text().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);
