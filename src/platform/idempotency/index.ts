import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database, Executor, Transaction } from '../database/index.js';
import { preparedPerDatabase } from '../database/prepared.js';
import { IdempotencyKeyReusedError } from '../errors.js';
import { idempotencyKeys } from './tables.js';

// Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): the work and the record of its
// answer commit in one transaction, so a key either has its answer stored or nothing happened.
// A second request with the same key waits on the first's row (the primary key) and then replays
// its answer; it never does the work twice. Answers that are errors raised inside the work are not
// stored: nothing was done, so a retry may do it.

export interface Answer<T> {
  status: number;
  body: T;
  /** True when this is a stored answer to an earlier request with the same key. */
  replayed: boolean;
}

export interface IdempotentRequest {
  /** What the key is for: the route and the resource, e.g. "checkout:<cart id>". */
  scope: string;
  /** The client's Idempotency-Key, when it sent one. */
  key: string | undefined;
  /** The request body; the same key with another body is refused. */
  request: unknown;
  at: Date;
}

/** The request's hash, whatever order its object keys were written in: the same request, the same print. */
export function fingerprint(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value ?? null, (_key, v: unknown) => (isPlainObject(v) ? sortedKeys(v) : v)))
    .digest('base64url');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function sortedKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, value[key]]),
  );
}

const keyQuery = (db: Executor) =>
  db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, sql.placeholder('scope')), eq(idempotencyKeys.key, sql.placeholder('key'))));

// Every checkout and payment with a key asks it before anything else: prepared once (database/prepared.ts).
const keyOnPool = preparedPerDatabase((db) => keyQuery(db).prepare('idempotency_key'));

type KeyRow = typeof idempotencyKeys.$inferSelect;

/** The answer a key's row holds, if it holds one; a key sent first with another body is refused. */
function answerOf<T>(row: KeyRow | undefined, key: string, print: string): Answer<T> | undefined {
  if (!row || row.status === null) return undefined;
  if (row.fingerprint !== print) {
    throw new IdempotencyKeyReusedError(`The Idempotency-Key "${key}" was first sent with another request body`);
  }
  return { status: row.status, body: row.body as T, replayed: true };
}

/** The stored answer to an earlier request with the same key, if there is one. */
export async function replayed<T>(db: Database, request: IdempotentRequest): Promise<Answer<T> | undefined> {
  if (request.key === undefined) return undefined;
  const [row] = await keyOnPool(db).execute({ scope: request.scope, key: request.key });
  return answerOf<T>(row, request.key, fingerprint(request.request));
}

/**
 * Runs `work` in a transaction once per key, and answers later requests with the same key from its
 * record. The transaction claims the key first, so it needs no lookup before it: a replay is
 * answered from inside it. Callers that check things a replay must not be refused for (a cart
 * already checked out, by this very key) call `replayed()` first, before those checks.
 */
export async function idempotent<T>(
  db: Database,
  request: IdempotentRequest,
  work: (tx: Transaction) => Promise<{ status: number; body: T }>,
): Promise<Answer<T>> {
  const { scope, key, at } = request;
  if (key === undefined) return { ...(await db.transaction(work)), replayed: false };
  const print = fingerprint(request.request);
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ scope, key, fingerprint: print, createdAt: at })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      // An earlier request with this key committed (waited for here when it was still running): its answer stands.
      const [row] = await keyQuery(tx).execute({ scope, key });
      const answer = answerOf<T>(row, key, print);
      if (answer) return answer;
    }
    const answer = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({ status: answer.status, body: answer.body as object })
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    return { ...answer, replayed: false };
  });
}

/** Forgets keys older than `before`: clients retry for minutes, not days. */
export async function forgetKeysBefore(db: Database, before: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before));
}
