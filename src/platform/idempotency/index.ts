import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Database, Executor, Transaction } from '../database/index.js';
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

export function fingerprint(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value ?? null))
    .digest('base64url');
}

async function stored<T>(db: Executor, scope: string, key: string, print: string): Promise<Answer<T> | undefined> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  if (!row || row.status === null) return undefined;
  if (row.fingerprint !== print) {
    throw new IdempotencyKeyReusedError(`The Idempotency-Key "${key}" was first sent with another request body`);
  }
  return { status: row.status, body: row.body as T, replayed: true };
}

/** The stored answer to an earlier request with the same key, if there is one. */
export async function replayed<T>(db: Database, request: IdempotentRequest): Promise<Answer<T> | undefined> {
  return request.key === undefined
    ? undefined
    : stored<T>(db, request.scope, request.key, fingerprint(request.request));
}

/** Runs `work` in a transaction once per key, and answers later requests with the same key from its record. */
export async function idempotent<T>(
  db: Database,
  request: IdempotentRequest,
  work: (tx: Transaction) => Promise<{ status: number; body: T }>,
): Promise<Answer<T>> {
  const { scope, key, at } = request;
  if (key === undefined) return { ...(await db.transaction(work)), replayed: false };
  const print = fingerprint(request.request);
  const earlier = await replayed<T>(db, request);
  if (earlier) return earlier;
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ scope, key, fingerprint: print, createdAt: at })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      // Another request with this key committed while we started: its answer stands.
      const answer = await stored<T>(tx, scope, key, print);
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
