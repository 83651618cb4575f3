import { and, asc, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/database/index.js';
import type { Role } from './permissions.js';
import { apiTokens, loginFailures, sessions, staffUsers } from './tables.js';

export type UserRow = typeof staffUsers.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export const accountStore = {
  async users(db: Executor): Promise<UserRow[]> {
    return db.select().from(staffUsers).orderBy(asc(staffUsers.email));
  },

  async userCount(db: Executor): Promise<number> {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(staffUsers);
    return row?.n ?? 0;
  },

  async userById(db: Executor, id: string): Promise<UserRow | undefined> {
    const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, id));
    return row;
  },

  async userByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
    const [row] = await db.select().from(staffUsers).where(eq(staffUsers.email, email));
    return row;
  },

  async insertUser(
    db: Executor,
    values: { email: string; name: string; role: Role; passwordHash: string },
  ): Promise<UserRow> {
    const [row] = await db.insert(staffUsers).values(values).returning();
    return row!;
  },

  async updateUser(
    db: Executor,
    id: string,
    values: Partial<Pick<UserRow, 'name' | 'role' | 'disabled' | 'passwordHash' | 'lastLoginAt'>>,
  ): Promise<UserRow | undefined> {
    const [row] = await db
      .update(staffUsers)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(staffUsers.id, id))
      .returning();
    return row;
  },

  /**
   * The ids of the admins who may sign in, locked until the transaction ends. Taken in id order by
   * every caller, so two of them cannot deadlock; a row another transaction changed meanwhile is
   * read again, so a demotion that committed first is seen.
   */
  async lockActiveAdmins(db: Executor): Promise<string[]> {
    const rows = await db
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(and(eq(staffUsers.role, 'admin'), eq(staffUsers.disabled, false)))
      .orderBy(asc(staffUsers.id))
      .for('update');
    return rows.map((r) => r.id);
  },

  async insertSession(db: Executor, values: typeof sessions.$inferInsert): Promise<void> {
    await db.insert(sessions).values(values);
  },

  /** The live session with this id hash and its user: not past its absolute or idle expiry. */
  async liveSession(
    db: Executor,
    idHash: string,
    now: Date,
    idleMs: number,
  ): Promise<{ session: SessionRow; user: UserRow } | undefined> {
    const idleCutoff = new Date(now.getTime() - idleMs);
    const [row] = await db
      .select({ session: sessions, user: staffUsers })
      .from(sessions)
      .innerJoin(staffUsers, eq(staffUsers.id, sessions.userId))
      .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleCutoff)));
    return row;
  },

  /** Marks the session used; written at most once a minute so reads do not turn into writes. */
  async touchSession(db: Executor, idHash: string, now: Date): Promise<void> {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.idHash, idHash), lt(sessions.lastSeenAt, new Date(now.getTime() - 60_000))));
  },

  async deleteSession(db: Executor, idHash: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
  },

  async deleteSessionsOf(db: Executor, userId: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.userId, userId));
  },

  async deleteExpiredSessions(db: Executor, now: Date, idleMs: number): Promise<void> {
    await db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - idleMs))));
  },

  async tokens(db: Executor): Promise<TokenRow[]> {
    return db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt));
  },

  async insertToken(db: Executor, values: typeof apiTokens.$inferInsert): Promise<TokenRow> {
    const [row] = await db.insert(apiTokens).values(values).returning();
    return row!;
  },

  async liveTokenByHash(db: Executor, tokenHash: string): Promise<TokenRow | undefined> {
    const [row] = await db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
    return row;
  },

  async touchToken(db: Executor, id: string, now: Date): Promise<void> {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, id),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000))),
        ),
      );
  },

  async revokeToken(db: Executor, id: string, now: Date): Promise<TokenRow | undefined> {
    const [row] = await db
      .update(apiTokens)
      .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(apiTokens.id, id))
      .returning();
    return row;
  },

  async failures(db: Executor, key: string, since: Date): Promise<Date[]> {
    const rows = await db
      .select({ at: loginFailures.at })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)));
    return rows.map((r) => r.at);
  },

  async recordFailures(db: Executor, keys: string[], at: Date): Promise<void> {
    await db.insert(loginFailures).values(keys.map((key) => ({ key, at })));
  },

  async clearFailures(db: Executor, key: string): Promise<void> {
    await db.delete(loginFailures).where(eq(loginFailures.key, key));
  },

  async pruneFailures(db: Executor, before: Date): Promise<void> {
    await db.delete(loginFailures).where(lt(loginFailures.at, before));
  },
};
