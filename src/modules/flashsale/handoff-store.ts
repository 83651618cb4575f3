import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database/index.js';
import { groupBy } from '../../platform/group.js';
import { type AdmissionState, flashSaleAdmissions, flashSaleBuyers, flashSales } from './tables.js';

// The hand-off's SQL: a batch of the Redis engine's events applied to this module's tables, so
// that applying an event again, or after a later one, changes nothing more:
// - the admission row is inserted by its id (ON CONFLICT DO NOTHING) or moved from held only;
// - the sale's counters and the buyer's count move only for a row that actually changed.
// Every event carries the whole admission, so the row ends in the state Redis has whatever
// arrived first.

export interface HandoffEvent {
  kind: 'admit' | 'settle' | 'expire';
  saleId: string;
  id: string;
  email: string;
  key: string | null;
  admittedAt: Date;
  heldUntil: Date;
  orderId: string | null;
  settledAt: Date | null;
}

/** Applies the events; the counters move by the rows that changed, each sale and buyer once. */
export async function applyEvents(tx: Transaction, all: HandoffEvent[]): Promise<void> {
  if (all.length === 0) return;
  // A deleted sale took its rows with it: its events have nothing left to record.
  const saleIds = [...new Set(all.map((e) => e.saleId))];
  const existing = await tx.select({ id: flashSales.id }).from(flashSales).where(inArray(flashSales.id, saleIds));
  const live = new Set(existing.map((s) => s.id));
  const events = all.filter((e) => live.has(e.saleId));

  const sales = new Map<string, { held: number; sold: number }>();
  const buyers = new Map<string, { saleId: string; email: string; admitted: number }>();
  const move = (e: Pick<HandoffEvent, 'saleId' | 'email'>, held: number, sold: number, buyer: number) => {
    const sale = sales.get(e.saleId) ?? { held: 0, sold: 0 };
    sale.held += held;
    sale.sold += sold;
    sales.set(e.saleId, sale);
    if (buyer === 0) return;
    const key = `${e.saleId}\n${e.email}`;
    const row = buyers.get(key) ?? { saleId: e.saleId, email: e.email, admitted: 0 };
    row.admitted += buyer;
    buyers.set(key, row);
  };
  const insert = (rows: HandoffEvent[], state: AdmissionState) => insertAdmissions(tx, rows, state);
  const fromHeld = (ids: string[], set: { state: AdmissionState; orderId?: string | null; settledAt: Date | null }) =>
    tx
      .update(flashSaleAdmissions)
      .set(set)
      .where(and(inArray(flashSaleAdmissions.id, ids), eq(flashSaleAdmissions.state, 'held')))
      .returning({ id: flashSaleAdmissions.id, saleId: flashSaleAdmissions.saleId, email: flashSaleAdmissions.email });
  /** Moves held rows to paid or expired; rows not in the database yet arrive in that state. */
  const close = async (
    group: HandoffEvent[],
    set: { state: 'paid' | 'expired'; orderId?: string | null; settledAt: Date | null },
    moved: (row: { saleId: string; email: string }) => void,
    arrived: (row: { saleId: string; email: string }) => void,
  ) => {
    const done = new Set<string>();
    const ids = (events: HandoffEvent[]) => events.map((e) => e.id);
    for (const row of await fromHeld(ids(group), set)) {
      moved(row);
      done.add(row.id);
    }
    const absent = group.filter((e) => !done.has(e.id));
    if (absent.length === 0) return;
    for (const row of await insert(absent, set.state)) {
      arrived(row);
      done.add(row.id);
    }
    // A row another consumer was inserting, unseen by the update, is committed once the insert
    // has met it: the update now finds it, if it is still held.
    const late = group.filter((e) => !done.has(e.id));
    if (late.length > 0) for (const row of await fromHeld(ids(late), set)) moved(row);
  };

  const admits = events.filter((e) => e.kind === 'admit');
  if (admits.length > 0) for (const row of await insert(admits, 'held')) move(row, 1, 0, 1);

  for (const e of events.filter((e) => e.kind === 'settle')) {
    await close(
      [e],
      { state: 'paid', orderId: e.orderId, settledAt: e.settledAt },
      (row) => move(row, -1, 1, 0),
      // Paid before its admission reached the database: it arrives paid.
      (row) => move(row, 0, 1, 1),
    );
  }
  const expires = events.filter((e) => e.kind === 'expire');
  for (const group of groupBy(expires, (e) => String(e.settledAt?.getTime())).values()) {
    await close(
      group,
      { state: 'expired', settledAt: group[0]!.settledAt },
      (row) => move(row, -1, 0, -1),
      // Expired before its admission reached the database: recorded, and nothing to count.
      () => {},
    );
  }

  // Rows in a fixed order, so two consumers' transactions queue instead of deadlocking.
  for (const [saleId, d] of [...sales].sort(([a], [b]) => a.localeCompare(b))) {
    if (d.held === 0 && d.sold === 0) continue;
    await tx
      .update(flashSales)
      .set({ held: sql`${flashSales.held} + ${d.held}`, sold: sql`${flashSales.sold} + ${d.sold}` })
      .where(eq(flashSales.id, saleId));
  }
  const counts = [...buyers]
    .filter(([, b]) => b.admitted !== 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, b]) => b);
  const upsert = (rows: typeof counts) => addToBuyers(tx, rows);
  // A rush's batches only add: one statement. A returned attempt subtracts, which an upsert
  // cannot (the CHECK is tested on the row it proposes), so then each row on its own, in order.
  if (counts.every((b) => b.admitted > 0)) {
    if (counts.length > 0) await upsert(counts);
    return;
  }
  for (const b of counts) {
    if (b.admitted > 0) await upsert([b]);
    else {
      await tx
        .update(flashSaleBuyers)
        .set({ admitted: sql`${flashSaleBuyers.admitted} + ${b.admitted}` })
        .where(and(eq(flashSaleBuyers.saleId, b.saleId), eq(flashSaleBuyers.email, b.email)));
    }
  }
}

// A batch is one statement whose text never changes: each column is one array parameter, spread
// into rows by unnest. Drizzle's multi-row VALUES list grows with the batch and was rebuilt for
// every batch, which cost an instance a tenth of its CPU during a rush (docs/BENCHMARKS.md).

/** Inserts the admissions in `state`, skipping ids already there; returns the rows inserted. */
async function insertAdmissions(
  tx: Transaction,
  rows: HandoffEvent[],
  state: AdmissionState,
): Promise<Array<{ id: string; saleId: string; email: string }>> {
  const column = (value: (e: HandoffEvent) => string | null) => sql.param(rows.map(value));
  const instant = (date: Date | null) => date?.toISOString() ?? null;
  const result = (await tx.execute(sql`
    insert into ${flashSaleAdmissions}
      (id, sale_id, email, state, idempotency_key, admitted_at, held_until, order_id, settled_at)
    select id, sale_id, email, ${state}, idempotency_key, admitted_at, held_until, order_id, settled_at
    from unnest(
      ${column((e) => e.id)}::uuid[], ${column((e) => e.saleId)}::uuid[], ${column((e) => e.email)}::text[],
      ${column((e) => e.key)}::text[], ${column((e) => instant(e.admittedAt))}::timestamptz[],
      ${column((e) => instant(e.heldUntil))}::timestamptz[],
      ${column((e) => (state === 'paid' ? e.orderId : null))}::uuid[],
      ${column((e) => (state === 'held' ? null : instant(e.settledAt)))}::timestamptz[]
    ) as t(id, sale_id, email, idempotency_key, admitted_at, held_until, order_id, settled_at)
    on conflict do nothing
    returning id, sale_id as "saleId", email`)) as unknown as {
    rows: Array<{ id: string; saleId: string; email: string }>;
  };
  return result.rows;
}

/** Adds each row's `admitted` to the buyer's count, creating the buyer's row when it is new. */
async function addToBuyers(tx: Transaction, rows: Array<{ saleId: string; email: string; admitted: number }>) {
  await tx.execute(sql`
    insert into ${flashSaleBuyers} (sale_id, email, admitted)
    select * from unnest(
      ${sql.param(rows.map((b) => b.saleId))}::uuid[], ${sql.param(rows.map((b) => b.email))}::text[],
      ${sql.param(rows.map((b) => b.admitted))}::int[]
    )
    on conflict (sale_id, email) do update set admitted = ${flashSaleBuyers}.admitted + excluded.admitted`);
}

export function eventOf(fields: string[]): HandoffEvent | undefined {
  const f = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i]!, fields[i + 1]!);
  const kind = f.get('t');
  const saleId = f.get('s');
  const id = f.get('id');
  const email = f.get('e');
  if ((kind !== 'admit' && kind !== 'settle' && kind !== 'expire') || !saleId || !id || !email) return undefined;
  const instant = (name: string) => (f.get(name) ? new Date(Number(f.get(name))) : null);
  const admittedAt = instant('a');
  const heldUntil = instant('h');
  if (!admittedAt || !heldUntil) return undefined;
  return {
    kind,
    saleId,
    id,
    email,
    key: f.get('k') || null,
    admittedAt,
    heldUntil,
    orderId: f.get('o') || null,
    settledAt: instant('x'),
  };
}
