import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { staffUsers } from '../accounts/tables.js';
import { products } from '../catalog/tables.js';

// Product discussions. A comment's personal data (name, email, website, address, user agent) is
// kept beside its text so that erasure can blank exactly those columns and keep the thread
// readable; the address and user agent are cleared by a job after 30 days.

export const COMMENT_STATES = ['published', 'held', 'spam', 'deleted'] as const;
export type CommentState = (typeof COMMENT_STATES)[number];

export const comments = pgTable(
  'comments',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => comments.id, { onDelete: 'cascade' }),
    /** The comment on the product this one answers, itself for a comment on the product. */
    threadId: uuid('thread_id').notNull(),
    /** 0 for a comment on the product, 1 for a reply, 2 for a reply to a reply (the deepest). */
    depth: smallint().notNull(),
    /** Null once erased at the author's request. */
    authorName: text('author_name'),
    authorEmail: text('author_email'),
    authorUrl: text('author_url'),
    content: text().notNull(),
    state: text().$type<CommentState>().notNull(),
    /** Written by staff (a moderator's reply), shown as such. */
    staff: boolean().notNull().default(false),
    staffUserId: uuid('staff_user_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    spamScore: real('spam_score').notNull(),
    spamReasons: jsonb('spam_reasons').$type<{ code: string; detail: string }[]>().notNull(),
    /** sha256 of the normalised text, to find the same text posted again. */
    contentHash: text('content_hash').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    moderatedBy: uuid('moderated_by').references(() => staffUsers.id, { onDelete: 'set null' }),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    check('comments_state_check', sql`${t.state} in ('published', 'held', 'spam', 'deleted')`),
    check('comments_depth_check', sql`${t.depth} between 0 and 2`),
    index('comments_thread_idx').on(t.productId, t.createdAt, t.id),
    index('comments_parent_idx').on(t.parentId),
    index('comments_replies_idx').on(t.threadId, t.createdAt),
    index('comments_queue_idx').on(t.state, t.createdAt),
    index('comments_hash_idx').on(t.contentHash, t.createdAt),
    index('comments_address_idx').on(t.ipAddress, t.createdAt),
    index('comments_email_idx').on(sql`lower(${t.authorEmail})`),
  ],
);

/**
 * What moderators (and Akismet clients' submit-spam / submit-ham) taught the classifier: the
 * features of the text and the verdict. Replayed over the shipped model at start, so every
 * instance learns the same, and erasing a comment forgets what it taught.
 */
export const spamLessons = pgTable(
  'spam_lessons',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    commentId: uuid('comment_id').references(() => comments.id, { onDelete: 'cascade' }),
    /** 'moderator' or 'akismet:<key id>'. */
    source: text().notNull(),
    spam: boolean().notNull(),
    features: jsonb().$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('spam_lessons_comment_idx').on(t.commentId)],
);

/** One-time links for a commenter's export or erasure of their comment data, stored as hashes. */
export const commentDataRequests = pgTable(
  'comment_data_requests',
  {
    tokenHash: text('token_hash').primaryKey(),
    email: text().notNull(),
    action: text().$type<'export' | 'erase'>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [check('comment_data_requests_action_check', sql`${t.action} in ('export', 'erase')`)],
);

/** Keys for other sites using the Akismet-compatible API, one per site. */
export const spamApiKeys = pgTable(
  'spam_api_keys',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    key: text().notNull(),
    site: text().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => staffUsers.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('spam_api_keys_key_idx').on(t.key)],
);

/** Calls per key and month, as Akismet's key-sites report counts them. */
export const spamApiUsage = pgTable(
  'spam_api_usage',
  {
    keyId: uuid('key_id')
      .notNull()
      .references(() => spamApiKeys.id, { onDelete: 'cascade' }),
    /** YYYY-MM, UTC. */
    month: text().notNull(),
    calls: integer().notNull().default(0),
    spam: integer().notNull().default(0),
    ham: integer().notNull().default(0),
    missedSpam: integer('missed_spam').notNull().default(0),
    falsePositives: integer('false_positives').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.month] })],
);
