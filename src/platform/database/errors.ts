// Postgres reports constraint violations by SQLSTATE; Drizzle may wrap the driver's error.

interface PgLikeError {
  code?: string;
  constraint?: string;
  cause?: unknown;
}

function pgError(error: unknown): PgLikeError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as PgLikeError;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

/** The name of the violated unique constraint, or undefined when the error is something else. */
export function uniqueViolation(error: unknown): string | undefined {
  const pg = pgError(error);
  if (pg?.code !== '23505') return undefined;
  return pg.constraint ?? constraintFromMessage(error);
}

/** The name of the violated foreign key, or undefined when the error is something else. */
export function foreignKeyViolation(error: unknown): string | undefined {
  const pg = pgError(error);
  // A key declared ON DELETE RESTRICT reports restrict_violation (23001), not 23503.
  if (pg?.code !== '23503' && pg?.code !== '23001') return undefined;
  return pg.constraint ?? constraintFromMessage(error);
}

/** The name of the violated CHECK constraint, or undefined when the error is something else. */
export function checkViolation(error: unknown): string | undefined {
  const pg = pgError(error);
  if (pg?.code !== '23514') return undefined;
  return pg.constraint ?? constraintFromMessage(error);
}

/** Whether the transaction lost a deadlock or a serialization conflict: running it again may succeed. */
export function transient(error: unknown): boolean {
  const code = pgError(error)?.code;
  return code === '40P01' || code === '40001';
}

function constraintFromMessage(error: unknown): string {
  const text = String((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message);
  return /constraint "([^"]+)"/.exec(text)?.[1] ?? 'unknown';
}
