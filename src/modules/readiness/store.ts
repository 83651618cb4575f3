import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/database/index.js';
import { type GateStates, verdictChanges, verdictStates } from './tables.js';
import { type RecordedState, recordedKey, type VerdictChange } from './trail.js';

// Serialises recorders across instances for one transaction; any fixed 64-bit key will do.
const RECORDER_LOCK = 7_352_114_990_002;

export const readinessStore = {
  async lockRecorder(tx: Executor): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(${RECORDER_LOCK})`);
  },

  async recorded(tx: Executor): Promise<Map<string, RecordedState>> {
    const rows = await tx.select().from(verdictStates);
    return new Map(rows.map((r) => [recordedKey(r.productId, r.marketCode), { sellable: r.sellable, gates: r.gates }]));
  },

  async record(tx: Executor, changes: VerdictChange[], cause: string, at: Date): Promise<void> {
    if (changes.length === 0) return;
    await tx.insert(verdictChanges).values(
      changes.map((c) => ({
        at,
        productId: c.productId,
        marketCode: c.marketCode,
        fromSellable: c.from?.sellable ?? null,
        toSellable: c.to.sellable,
        fromGates: c.from?.gates ?? null,
        toGates: c.to.gates,
        reasons: c.reasons,
        cause,
      })),
    );
    for (const c of changes) {
      await tx
        .insert(verdictStates)
        .values({
          productId: c.productId,
          marketCode: c.marketCode,
          sellable: c.to.sellable,
          gates: c.to.gates,
          evaluatedAt: at,
        })
        .onConflictDoUpdate({
          target: [verdictStates.productId, verdictStates.marketCode],
          set: { sellable: c.to.sellable, gates: c.to.gates, evaluatedAt: at },
        });
    }
  },

  async changes(
    db: Executor,
    filter: {
      productId?: string | undefined;
      marketCode?: string | undefined;
      before?: number | undefined;
      limit: number;
    },
  ) {
    const conditions: SQL[] = [];
    if (filter.productId) conditions.push(eq(verdictChanges.productId, filter.productId));
    if (filter.marketCode) conditions.push(eq(verdictChanges.marketCode, filter.marketCode));
    if (filter.before !== undefined) conditions.push(lt(verdictChanges.id, filter.before));
    return db
      .select()
      .from(verdictChanges)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(verdictChanges.id))
      .limit(filter.limit);
  },
};

export type { GateStates };
