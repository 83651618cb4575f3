import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/database/index.js';
import type { OrderStatus } from './status.js';
import { orderEvents, orderLines, orders } from './tables.js';

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type OrderEventRow = typeof orderEvents.$inferSelect;
export type NewOrder = Omit<typeof orders.$inferInsert, 'id' | 'seq' | 'createdAt' | 'updatedAt'>;
export type NewOrderLine = Omit<typeof orderLines.$inferInsert, 'orderId' | 'position'>;
export type NewOrderEvent = Omit<typeof orderEvents.$inferInsert, 'id' | 'orderId'>;

export const orderStore = {
  /**
   * The order with its lines and the event of its placing, in two statements however many lines;
   * answers the order and its lines as stored.
   */
  async insert(
    tx: Executor,
    order: NewOrder,
    lines: NewOrderLine[],
    event: NewOrderEvent,
    at: Date,
  ): Promise<{ row: OrderRow; lines: OrderLineRow[] }> {
    const [row] = await tx
      .insert(orders)
      .values({ ...order, createdAt: at, updatedAt: at })
      .returning();
    const recorded = tx.$with('recorded').as(tx.insert(orderEvents).values({ ...event, orderId: row!.id }));
    const stored = await tx
      .with(recorded)
      .insert(orderLines)
      .values(lines.map((line, position) => ({ ...line, orderId: row!.id, position })))
      .returning();
    return { row: row!, lines: stored.sort((a, b) => a.position - b.position) };
  },

  /** The order with its lines, in one query; with `forUpdate`, the order's row is locked until the transaction ends. */
  async withLines(
    db: Executor,
    id: string,
    forUpdate = false,
  ): Promise<{ row: OrderRow; lines: OrderLineRow[] } | undefined> {
    const query = db
      .select({ order: orders, line: orderLines })
      .from(orders)
      .leftJoin(orderLines, eq(orderLines.orderId, orders.id))
      .where(eq(orders.id, id))
      .orderBy(orderLines.position);
    const rows = forUpdate ? await query.for('update', { of: orders }) : await query;
    if (rows.length === 0) return undefined;
    return { row: rows[0]!.order, lines: rows.flatMap((r) => (r.line ? [r.line] : [])) };
  },

  /** The order, locked for the rest of the transaction when `forUpdate`: moves of one order happen one at a time. */
  async get(db: Executor, id: string, forUpdate = false): Promise<OrderRow | undefined> {
    const query = db.select().from(orders).where(eq(orders.id, id));
    const [row] = forUpdate ? await query.for('update') : await query;
    return row;
  },

  async byNumber(db: Executor, number: string): Promise<OrderRow | undefined> {
    const [row] = await db.select().from(orders).where(eq(orders.number, number));
    return row;
  },

  async lines(db: Executor, orderId: string): Promise<OrderLineRow[]> {
    return db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.position);
  },

  async events(db: Executor, orderId: string): Promise<OrderEventRow[]> {
    return db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id);
  },

  /** Changes the order and records the event of the change, in one statement. */
  async update(
    tx: Executor,
    id: string,
    change: Partial<Pick<OrderRow, 'status' | 'refunded' | 'holdUntil'>>,
    event: NewOrderEvent,
    at: Date,
  ): Promise<void> {
    const recorded = tx.$with('recorded').as(tx.insert(orderEvents).values({ ...event, orderId: id }));
    await tx
      .with(recorded)
      .update(orders)
      .set({ ...change, updatedAt: at })
      .where(eq(orders.id, id));
  },

  async list(
    db: Executor,
    filter: {
      market?: string | undefined;
      status?: OrderStatus | undefined;
      email?: string | undefined;
      before?: Date | undefined;
      limit: number;
    },
  ): Promise<OrderRow[]> {
    const conditions: SQL[] = [];
    if (filter.market) conditions.push(eq(orders.marketCode, filter.market));
    if (filter.status) conditions.push(eq(orders.status, filter.status));
    if (filter.email) conditions.push(sql`lower(${orders.email}) = lower(${filter.email})`);
    if (filter.before) conditions.push(lt(orders.createdAt, filter.before));
    return db
      .select()
      .from(orders)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(filter.limit);
  },

  /** Orders waiting for payment whose stock hold has run out. */
  async overdue(db: Executor, now: Date, limit: number): Promise<OrderRow[]> {
    return db
      .select()
      .from(orders)
      .where(and(eq(orders.status, 'pending_payment'), lt(orders.holdUntil, now)))
      .orderBy(orders.holdUntil)
      .limit(limit);
  },
};
