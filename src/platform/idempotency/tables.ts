import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// The first answer to each Idempotency-Key, per scope (the route and the resource it acts on), so a
// retried POST gets that answer instead of doing the work twice (IETF draft-ietf-httpapi-idempotency-key-header).

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text().notNull(),
    key: text().notNull(),
    /** A hash of the request body: the same key with another body is a client's mistake. */
    fingerprint: text().notNull(),
    status: integer(),
    body: jsonb(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
