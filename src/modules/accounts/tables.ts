import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Role } from './permissions.js';

const roleCheck = (column: unknown) =>
  sql`${column} in ('admin', 'compliance', 'merchandiser', 'moderator', 'support')`;

export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    email: text().notNull().unique('staff_users_email_key'),
    name: text().notNull(),
    role: text().$type<Role>().notNull(),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean().notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [
    check('staff_users_role_check', roleCheck(t.role)),
    check('staff_users_email_lower_check', sql`${t.email} = lower(${t.email})`),
  ],
);

// A session is found by the SHA-256 of its cookie value: a leaked table grants no sessions.
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    name: text().notNull(),
    role: text().$type<Role>().notNull(),
    tokenHash: text('token_hash').notNull().unique('api_tokens_token_hash_key'),
    prefix: text().notNull(),
    createdBy: uuid('created_by').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [check('api_tokens_role_check', roleCheck(t.role))],
);

// Failed logins per throttle key ("account:<email>", "ip:<address>"), pruned as they age out.
export const loginFailures = pgTable(
  'login_failures',
  {
    key: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_failures_key_at_idx').on(t.key, t.at)],
);
