import { ConflictError } from '../../platform/errors.js';

// The order's life. Pure: which moves exist, and what each one means for stock and money.
//
//   pending_payment ──pay──▶ paid ──fulfil──▶ fulfilled ──deliver──▶ delivered
//         │                   │                   │                     │
//       cancel              cancel             refund (full)         refund (full)
//         ▼                   ▼                   ▼                     ▼
//     cancelled           cancelled            refunded              refunded
//
// A partial refund keeps the status and adds to the refunded amount; the refund that reaches the
// total moves the order to `refunded`. Cancelling a paid order refunds it in full and gives the
// stock back; a fulfilled order has left the warehouse, so it can only be refunded.

export const ORDER_STATUSES = ['pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ACTIONS = ['pay', 'fulfil', 'deliver', 'cancel', 'refund'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

const MOVES: Record<OrderAction, Partial<Record<OrderStatus, OrderStatus>>> = {
  pay: { pending_payment: 'paid' },
  fulfil: { paid: 'fulfilled' },
  deliver: { fulfilled: 'delivered' },
  cancel: { pending_payment: 'cancelled', paid: 'cancelled' },
  refund: { paid: 'refunded', fulfilled: 'refunded', delivered: 'refunded' },
};

/** The actions an order in this status allows, for the admin's buttons. */
export function allowedActions(status: OrderStatus): OrderAction[] {
  return ORDER_ACTIONS.filter((action) => MOVES[action][status] !== undefined);
}

/** The status an action leads to, or a 409 saying why not. */
export function nextStatus(status: OrderStatus, action: OrderAction): OrderStatus {
  const to = MOVES[action][status];
  if (!to) {
    const allowed = allowedActions(status);
    throw new ConflictError(
      `An order that is ${status.replace('_', ' ')} cannot be ${PAST[action]}` +
        (allowed.length > 0 ? ` (it can be ${allowed.map((a) => PAST[a]).join(' or ')})` : ''),
      'status',
    );
  }
  return to;
}

const PAST: Record<OrderAction, string> = {
  pay: 'paid',
  fulfil: 'fulfilled',
  deliver: 'delivered',
  cancel: 'cancelled',
  refund: 'refunded',
};

export interface RefundOutcome {
  status: OrderStatus;
  refunded: number;
}

/**
 * A refund of `amount` minor units on an order that has already had `refunded` of its `total`
 * refunded: the new status and refunded total, or a 409 when it would refund more than was paid.
 */
export function refund(order: { status: OrderStatus; total: number; refunded: number }, amount: number): RefundOutcome {
  nextStatus(order.status, 'refund');
  const left = order.total - order.refunded;
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new ConflictError('A refund must be above zero', 'amount');
  if (amount > left) throw new ConflictError(`Only ${left} (minor units) is left to refund`, 'amount');
  const refunded = order.refunded + amount;
  return { status: refunded === order.total ? 'refunded' : order.status, refunded };
}

/** Whether stock reserved or committed for the order goes back on the shelf with this move. */
export function releasesStock(from: OrderStatus, to: OrderStatus): boolean {
  return to === 'cancelled' && (from === 'pending_payment' || from === 'paid');
}
