import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/database/index.js';
import type { Allocation, StockCandidate } from './allocation.js';
import type { Reservation } from './reservation.js';
import { locationMarkets, type ReleaseReason, reservations, stockLevels, stockLocations } from './tables.js';

// SQL for reservations and the stock counts they move, nothing else. Every function that changes
// stock locks the stock rows first, in one order for all (SKU, then location), so concurrent
// reservations, commits and releases queue behind each other instead of deadlocking.

// Lets one instance at a time release expired reservations; any fixed 64-bit key will do.
const EXPIRY_LOCK = 7_352_114_990_003;

type Row = typeof reservations.$inferSelect;

function toReservation(row: Row): Reservation {
  return {
    id: row.id,
    reference: row.reference,
    sku: row.sku,
    location: row.locationCode,
    quantity: row.quantity,
    expiresAt: row.expiresAt,
    state: row.state,
    releaseReason: row.releaseReason ?? null,
    createdAt: row.createdAt,
    settledAt: row.settledAt,
  };
}

export const reservationStore = {
  /**
   * The stock of these SKUs at every location serving the market, locked until the transaction
   * ends, each row saying whether `reference` has a reservation already. A concurrent reservation
   * waits here and then reads the counts as the first one left them.
   */
  async lockCandidates(
    db: Executor,
    market: string,
    skus: string[],
    reference: string,
  ): Promise<Array<StockCandidate & { referenceTaken: boolean }>> {
    return db
      .select({
        location: stockLevels.locationCode,
        priority: stockLocations.priority,
        sku: stockLevels.sku,
        onHand: stockLevels.onHand,
        reserved: stockLevels.reserved,
        // Whether the reference has a reservation already, asked in the same statement.
        referenceTaken: sql<boolean>`exists (select 1 from ${reservations} where ${reservations.reference} = ${reference})`,
      })
      .from(stockLevels)
      .innerJoin(stockLocations, eq(stockLocations.code, stockLevels.locationCode))
      .innerJoin(
        locationMarkets,
        and(eq(locationMarkets.locationCode, stockLevels.locationCode), eq(locationMarkets.marketCode, market)),
      )
      .where(inArray(stockLevels.sku, skus))
      .orderBy(asc(stockLevels.sku), asc(stockLevels.locationCode))
      .for('update', { of: stockLevels });
  },

  /**
   * Holds each allocation: adds it to reserved, only while that much is still available, and
   * records the reservation's line for it, in one statement per allocation (the stock rows are
   * locked, and every other checkout of the SKU waits for them). Answers the lines recorded: an
   * allocation that found too little available records none, so the caller can prove that all
   * applied, and the table's checks refuse overselling even if it did not.
   */
  async hold(
    db: Executor,
    values: { reference: string; allocations: Allocation[]; expiresAt: Date; createdAt: Date },
  ): Promise<Reservation[]> {
    const held: Reservation[] = [];
    for (const a of values.allocations) {
      const reserved = db.$with('reserved').as(
        db
          .update(stockLevels)
          .set({ reserved: sql`${stockLevels.reserved} + ${a.quantity}` })
          .where(
            and(
              eq(stockLevels.locationCode, a.location),
              eq(stockLevels.sku, a.sku),
              sql`${stockLevels.onHand} - ${stockLevels.reserved} >= ${a.quantity}`,
            ),
          )
          .returning({ location: stockLevels.locationCode, sku: stockLevels.sku }),
      );
      // Every column of the table, in its order: Drizzle refuses a selection that leaves one out.
      const rows = await db
        .with(reserved)
        .insert(reservations)
        .select((qb) =>
          qb
            .select({
              id: sql`gen_random_uuid()`.as('id'),
              reference: sql`${values.reference}::text`.as('reference'),
              locationCode: reserved.location,
              sku: reserved.sku,
              quantity: sql`${a.quantity}::int`.as('quantity'),
              expiresAt: sql`${values.expiresAt.toISOString()}::timestamptz`.as('expires_at'),
              state: sql`'held'`.as('state'),
              releaseReason: sql`null::text`.as('release_reason'),
              createdAt: sql`${values.createdAt.toISOString()}::timestamptz`.as('created_at'),
              settledAt: sql`null::timestamptz`.as('settled_at'),
            })
            .from(reserved),
        )
        .returning();
      held.push(...rows.map(toReservation));
    }
    return held;
  },

  async referenceExists(db: Executor, reference: string): Promise<boolean> {
    const rows = await db
      .select({ id: reservations.id })
      .from(reservations)
      .where(eq(reservations.reference, reference))
      .limit(1);
    return rows.length > 0;
  },

  async lines(db: Executor, reference: string): Promise<Reservation[]> {
    const rows = await db
      .select()
      .from(reservations)
      .where(eq(reservations.reference, reference))
      .orderBy(asc(reservations.sku), asc(reservations.locationCode));
    return rows.map(toReservation);
  },

  /** Committed lines whose units went back on hand (a paid order cancelled): released, reason cancelled. */
  async markRestocked(db: Executor, ids: string[], at: Date): Promise<void> {
    await db
      .update(reservations)
      .set({ state: 'released', releaseReason: 'cancelled', settledAt: at })
      .where(and(inArray(reservations.id, ids), eq(reservations.state, 'committed')));
  },

  /** The reference's lines, locked until the transaction ends: commit and release take turns. */
  async lockLines(db: Executor, reference: string): Promise<Reservation[]> {
    const rows = await db
      .select()
      .from(reservations)
      .where(eq(reservations.reference, reference))
      .orderBy(asc(reservations.id))
      .for('update');
    return rows.map(toReservation);
  },

  /**
   * Held lines past their expiry that no other transaction is settling right now (those are
   * skipped, not waited for), locked until the transaction ends.
   */
  async lockExpired(db: Executor, now: Date, limit: number): Promise<Reservation[]> {
    const rows = await db
      .select()
      .from(reservations)
      .where(and(eq(reservations.state, 'held'), lte(reservations.expiresAt, now)))
      .orderBy(asc(reservations.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    return rows.map(toReservation);
  },

  /** Whether this transaction may release expired reservations; false while another instance does. */
  async tryLockExpiry(db: Executor): Promise<boolean> {
    // Both drivers answer execute() with the rows under `rows`.
    const result = (await db.execute(sql`select pg_try_advisory_xact_lock(${EXPIRY_LOCK}) as locked`)) as unknown as {
      rows: Array<{ locked: boolean }>;
    };
    return result.rows[0]?.locked === true;
  },

  /**
   * Settles held lines: committed takes their quantity off on hand and reserved (the units are
   * sold), released takes it off reserved (the units are available again).
   */
  async settle(
    db: Executor,
    lines: ReadonlyArray<Pick<Reservation, 'id' | 'location' | 'sku'>>,
    outcome: { state: 'committed' } | { state: 'released'; reason: ReleaseReason },
    at: Date,
  ): Promise<void> {
    if (lines.length === 0) return;
    const idList = sql.join(
      lines.map((l) => sql`${l.id}::uuid`),
      sql`, `,
    );
    // Lock the stock rows in the one order before the update below takes them in its own. One
    // row (an order of one SKU from one location, the common case) has no order to keep.
    const stockRows = new Set(lines.map((l) => `${l.location}\u0000${l.sku}`)).size;
    if (stockRows > 1) {
      await db.execute(sql`
        select 1 from ${stockLevels}
        where (${stockLevels.locationCode}, ${stockLevels.sku}) in
          (select ${reservations.locationCode}, ${reservations.sku} from ${reservations} where ${reservations.id} in (${idList}))
        order by ${stockLevels.sku}, ${stockLevels.locationCode}
        for update`);
    }
    const sold = outcome.state === 'committed' ? sql`settled.quantity` : sql`0`;
    await db.execute(sql`
      with settled_lines as (
        update ${reservations}
        set state = ${outcome.state}, release_reason = ${outcome.state === 'released' ? outcome.reason : null},
            settled_at = ${at.toISOString()}::timestamptz
        where ${reservations.id} in (${idList}) and ${reservations.state} = 'held'
        returning location_code, sku, quantity
      ), settled as (
        select location_code, sku, sum(quantity)::int as quantity from settled_lines group by location_code, sku
      )
      update ${stockLevels}
      set on_hand = ${stockLevels.onHand} - ${sold}, reserved = ${stockLevels.reserved} - settled.quantity,
          updated_at = now()
      from settled
      where ${stockLevels.locationCode} = settled.location_code and ${stockLevels.sku} = settled.sku`);
  },
};
