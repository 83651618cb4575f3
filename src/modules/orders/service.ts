import type { Database, Executor } from '../../platform/database/index.js';
import { NotFoundError } from '../../platform/errors.js';
import { allowedActions, nextStatus, type OrderAction, type OrderStatus, refund } from './status.js';
import {
  type NewOrder,
  type NewOrderLine,
  type OrderEventRow,
  type OrderLineRow,
  type OrderRow,
  orderStore as store,
} from './store.js';

// Orders: their records and their moves. Every move locks the order's row, checks the state
// machine, and records who made it; what a move means for stock and money is the checkout's job.

export interface Order {
  id: string;
  number: string;
  market: string;
  status: OrderStatus;
  email: string;
  shippingAddress: OrderRow['shippingAddress'];
  shippingMethod: OrderRow['shippingMethod'];
  currency: string;
  lines: Array<Omit<OrderLineRow, 'orderId' | 'position'>>;
  totals: {
    subtotal: number;
    discount: number;
    shipping: number;
    tax: number;
    taxIncluded: boolean;
    taxLines: OrderRow['taxLines'];
    total: number;
    refunded: number;
  };
  /** Until when the stock is held for payment. */
  holdUntil: string | null;
  /** What staff may do next. */
  actions: OrderAction[];
  createdAt: string;
}

export interface OrderEvent {
  at: string;
  action: string;
  from: string | null;
  to: string;
  actor: string;
  details: Record<string, unknown>;
}

function order(row: OrderRow, lines: OrderLineRow[]): Order {
  return {
    id: row.id,
    number: row.number,
    market: row.marketCode,
    status: row.status,
    email: row.email,
    shippingAddress: row.shippingAddress,
    shippingMethod: row.shippingMethod,
    currency: row.currency,
    lines: lines.map(({ orderId: _, position: __, ...line }) => line),
    totals: {
      subtotal: row.subtotal,
      discount: row.discount,
      shipping: row.shipping,
      tax: row.tax,
      taxIncluded: row.taxIncluded,
      taxLines: row.taxLines,
      total: row.total,
      refunded: row.refunded,
    },
    holdUntil: row.holdUntil?.toISOString() ?? null,
    actions: allowedActions(row.status),
    createdAt: row.createdAt.toISOString(),
  };
}

const event = (row: OrderEventRow): OrderEvent => ({
  at: row.at.toISOString(),
  action: row.action,
  from: row.fromStatus,
  to: row.toStatus,
  actor: row.actor,
  details: row.details,
});

export interface Move {
  before: OrderRow;
  after: OrderRow;
}

export class OrdersService {
  constructor(private readonly db: Database) {}

  /** Places an order in the caller's transaction (the checkout's, with its stock reservation). */
  async place(tx: Executor, draft: NewOrder, lines: NewOrderLine[], at: Date): Promise<Order> {
    const event = { at, action: 'place', fromStatus: null, toStatus: draft.status, actor: 'customer', details: {} };
    const { row, lines: stored } = await store.insert(tx, draft, lines, event, at);
    return order(row, stored);
  }

  /** The order's row, locked until the transaction ends. */
  async lock(tx: Executor, id: string): Promise<OrderRow> {
    const row = await store.get(tx, id, true);
    if (!row) throw new NotFoundError(`No order ${id}`);
    return row;
  }

  /** The order's row, locked until the transaction ends, with its lines, in one query. */
  async lockWithLines(tx: Executor, id: string): Promise<{ row: OrderRow; lines: OrderLineRow[] }> {
    const found = await store.withLines(tx, id, true);
    if (!found) throw new NotFoundError(`No order ${id}`);
    return found;
  }

  /** The order as the API shows it, with lines already read (they never change after placing). */
  viewAs(row: OrderRow, lines: OrderLineRow[]): Order {
    return order(row, lines);
  }

  /** Moves a locked order by an action of the state machine, or answers 409; records who did it. */
  async move(
    tx: Executor,
    before: OrderRow,
    action: OrderAction,
    actor: string,
    at: Date,
    details: Record<string, unknown> = {},
  ): Promise<Move> {
    const status = nextStatus(before.status, action);
    // Cancelling a paid order refunds it in full (the checkout moves the money).
    const refunded = action === 'cancel' && before.status === 'paid' ? before.total : before.refunded;
    const change = { status, holdUntil: status === 'pending_payment' ? before.holdUntil : null, refunded };
    await store.update(
      tx,
      before.id,
      change,
      { at, action, fromStatus: before.status, toStatus: status, actor, details },
      at,
    );
    return { before, after: { ...before, ...change, updatedAt: at } };
  }

  /** Adds a refund to a locked order; a refund that reaches the total moves it to `refunded`. */
  async refund(tx: Executor, before: OrderRow, amount: number, actor: string, at: Date): Promise<Move> {
    const outcome = refund(before, amount);
    const event = {
      at,
      action: 'refund',
      fromStatus: before.status,
      toStatus: outcome.status,
      actor,
      details: { amount },
    };
    await store.update(tx, before.id, outcome, event, at);
    return { before, after: { ...before, ...outcome, updatedAt: at } };
  }

  async view(db: Executor, row: OrderRow): Promise<Order> {
    return order(row, await store.lines(db, row.id));
  }

  async get(id: string): Promise<Order> {
    const row = await store.get(this.db, id);
    if (!row) throw new NotFoundError(`No order ${id}`);
    return this.view(this.db, row);
  }

  /**
   * A shopper's own order, by its number and the email it was placed with. Either being wrong
   * gets the same answer, so the lookup tells a stranger nothing about which orders exist.
   */
  async lookup(number: string, email: string): Promise<Order> {
    const row = await store.byNumber(this.db, number.trim().toUpperCase());
    if (!row || row.email.toLowerCase() !== email.trim().toLowerCase()) {
      throw new NotFoundError('No order with that number and email');
    }
    return this.view(this.db, row);
  }

  async list(filter: Parameters<typeof store.list>[1]): Promise<Order[]> {
    const rows = await store.list(this.db, filter);
    return Promise.all(rows.map((row) => this.view(this.db, row)));
  }

  async events(id: string): Promise<OrderEvent[]> {
    return (await store.events(this.db, id)).map(event);
  }

  async overdue(now: Date, limit: number): Promise<OrderRow[]> {
    return store.overdue(this.db, now, limit);
  }
}
