import { randomBytes } from 'node:crypto';
import { and, desc, eq, getTableName, inArray, isNull, sql } from 'drizzle-orm';
import { ChangeCache } from '../../../platform/cache.js';
import type { ChangeFeed } from '../../../platform/changes.js';
import type { Clock } from '../../../platform/clock.js';
import type { Database } from '../../../platform/database/index.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { groupBy } from '../../../platform/group.js';
import { spamApiKeys, spamApiUsage } from '../tables.js';
import { KEY_SHAPE } from './protocol.js';
import { addUsage, type CallKind, countOf, monthOf, NO_USAGE, summarise, type UsageCounts } from './usage.js';

// The keys other sites use for the Akismet-compatible API, one per site, and their usage.
// comment-check is a hot path: a key is read from the database once and then answered from
// memory, and the usage counts are added up in memory and written a second later, one row per
// key and month, so the answer never waits for a write.

export interface SpamKey {
  id: string;
  key: string;
  site: string;
  createdAt: string;
  revokedAt: string | null;
  /** This month's counts (UTC). */
  month: UsageCounts & { month: string };
  total: UsageCounts;
}

/** A key that may be used: not revoked. */
export interface LiveKey {
  id: string;
  site: string;
}

// A revoke reaches every instance at once through the change feed; a resolved key is looked up
// again after this long anyway (a revoke from `marketgate spam keys revoke` on PGlite, where no
// server hears the CLI's feed).
const RESOLVED_FOR_MS = 30_000;
/** How long usage counts wait in memory before they are written, so that a burst costs one write. */
const WRITE_AFTER_MS = 1_000;

class UnknownKey extends Error {}

export class SpamKeys {
  /** Only live keys are cached: unknown ones are looked up every time, so made-up keys cannot fill memory. */
  private readonly live: ChangeCache<LiveKey>;
  /** Counts not yet written, by "<key id> <month>". */
  private pending = new Map<string, UsageCounts>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly changes: ChangeFeed,
  ) {
    this.live = new ChangeCache(changes, clock, ['spam-keys']);
  }

  /** A new key for a site; `createdBy` is the staff user, null from the CLI. */
  async create(site: string, createdBy: string | null): Promise<SpamKey> {
    const trimmed = site.trim();
    if (!/^https?:\/\/[^\s/]+/.test(trimmed)) {
      throw ValidationError.field('site', 'must be the http(s) address of the site, e.g. https://blog.example.com');
    }
    // 48 random bits: a collision is next to impossible, and the unique index catches it anyway.
    for (let attempt = 0; attempt < 3; attempt++) {
      const [row] = await this.db
        .insert(spamApiKeys)
        .values({ key: randomBytes(6).toString('hex'), site: trimmed, createdAt: this.clock.now(), createdBy })
        .onConflictDoNothing()
        .returning();
      if (row) return this.withUsage(row, []);
    }
    throw new Error('could not draw an unused API key in 3 tries');
  }

  /** Every key, newest first, with this month's usage and the totals. */
  async list(): Promise<SpamKey[]> {
    await this.flush();
    const rows = await this.db.select().from(spamApiKeys).orderBy(desc(spamApiKeys.createdAt), desc(spamApiKeys.id));
    if (rows.length === 0) return [];
    const usage = await this.db
      .select()
      .from(spamApiUsage)
      .where(
        inArray(
          spamApiUsage.keyId,
          rows.map((r) => r.id),
        ),
      );
    const byKey = groupBy(usage, (u) => u.keyId);
    return rows.map((row) => this.withUsage(row, byKey.get(row.id) ?? []));
  }

  /** Revokes a key, given its id or the key itself; it is refused from the next request on. */
  async revoke(idOrKey: string): Promise<SpamKey> {
    const which = /^[0-9a-f-]{36}$/i.test(idOrKey) ? eq(spamApiKeys.id, idOrKey) : eq(spamApiKeys.key, idOrKey);
    const [row] = await this.db
      .update(spamApiKeys)
      .set({ revokedAt: this.clock.now() })
      .where(and(which, isNull(spamApiKeys.revokedAt)))
      .returning();
    if (!row) throw new NotFoundError(`No API key "${idOrKey}" that is not revoked already`);
    await this.changes.publish('spam-keys');
    return this.withUsage(row, []);
  }

  /** The key, when it is one of ours and not revoked (in any case: WordPress keeps what was typed). */
  async resolve(given: string | undefined): Promise<LiveKey | undefined> {
    const key = given?.toLowerCase();
    if (!key || !KEY_SHAPE.test(key)) return undefined;
    try {
      return await this.live.get(key, async () => {
        const [row] = await this.db
          .select({ id: spamApiKeys.id, site: spamApiKeys.site })
          .from(spamApiKeys)
          .where(and(eq(spamApiKeys.key, key), isNull(spamApiKeys.revokedAt)));
        // A failed load is not cached.
        if (!row) throw new UnknownKey();
        return { value: row, expiresAt: new Date(this.clock.now().getTime() + RESOLVED_FOR_MS) };
      });
    } catch (error) {
      if (error instanceof UnknownKey) return undefined;
      throw error;
    }
  }

  /** Counts an answered call; written within a second. */
  count(keyId: string, kind: CallKind): void {
    const slot = `${keyId} ${monthOf(this.clock.now())}`;
    this.pending.set(slot, addUsage(this.pending.get(slot) ?? NO_USAGE, countOf(kind)));
    this.timer ??= setTimeout(() => {
      // A failed write keeps its counts for the next one; nothing is lost while the process lives.
      this.flush().catch(() => {});
    }, WRITE_AFTER_MS).unref();
  }

  /** "YYYY-MM" of now, UTC: the month usage is being counted in. */
  thisMonth(): string {
    return monthOf(this.clock.now());
  }

  /** A key's counts in a month (default: this month). */
  async usage(keyId: string, month = this.thisMonth()): Promise<UsageCounts> {
    await this.flush();
    const [row] = await this.db
      .select()
      .from(spamApiUsage)
      .where(and(eq(spamApiUsage.keyId, keyId), eq(spamApiUsage.month, month)));
    return row ? summarise([row], month).total : NO_USAGE;
  }

  /** Writes the counts waiting in memory (one write at a time, in order). */
  flush(): Promise<void> {
    const run = this.writing.then(() => this.write());
    this.writing = run.catch(() => {});
    return run;
  }

  private async write(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    if (batch.size === 0) return;
    this.pending = new Map();
    const rows = [...batch].map(([slot, counts]) => {
      const [keyId, month] = slot.split(' ') as [string, string];
      return { keyId, month, ...counts };
    });
    // Qualified: in ON CONFLICT DO UPDATE a bare column name is ambiguous with excluded's.
    const added = (column: keyof UsageCounts) => {
      const name = sql.identifier(spamApiUsage[column].name);
      return sql`${sql.identifier(getTableName(spamApiUsage))}.${name} + excluded.${name}`;
    };
    try {
      await this.db
        .insert(spamApiUsage)
        .values(rows)
        .onConflictDoUpdate({
          target: [spamApiUsage.keyId, spamApiUsage.month],
          set: {
            calls: added('calls'),
            spam: added('spam'),
            ham: added('ham'),
            missedSpam: added('missedSpam'),
            falsePositives: added('falsePositives'),
          },
        });
    } catch (error) {
      for (const [slot, counts] of batch) this.pending.set(slot, addUsage(this.pending.get(slot) ?? NO_USAGE, counts));
      this.timer ??= setTimeout(() => this.flush().catch(() => {}), WRITE_AFTER_MS).unref();
      throw error;
    }
  }

  private withUsage(
    row: typeof spamApiKeys.$inferSelect,
    months: ReadonlyArray<UsageCounts & { month: string }>,
  ): SpamKey {
    return {
      id: row.id,
      key: row.key,
      site: row.site,
      createdAt: row.createdAt.toISOString(),
      revokedAt: row.revokedAt?.toISOString() ?? null,
      ...summarise(months, monthOf(this.clock.now())),
    };
  }
}
