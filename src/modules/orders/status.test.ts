import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../platform/errors.js';
import { allowedActions, nextStatus, ORDER_ACTIONS, ORDER_STATUSES, refund, releasesStock } from './status.js';

describe('order status', () => {
  it('follows the happy path from payment to delivery', () => {
    expect(nextStatus('pending_payment', 'pay')).toBe('paid');
    expect(nextStatus('paid', 'fulfil')).toBe('fulfilled');
    expect(nextStatus('fulfilled', 'deliver')).toBe('delivered');
  });

  it('cancels an order before it ships, and only then', () => {
    expect(nextStatus('pending_payment', 'cancel')).toBe('cancelled');
    expect(nextStatus('paid', 'cancel')).toBe('cancelled');
    expect(() => nextStatus('fulfilled', 'cancel')).toThrow(
      'An order that is fulfilled cannot be cancelled (it can be delivered or refunded)',
    );
  });

  it('answers every move a status does not allow with a 409 naming the status', () => {
    let refused = 0;
    for (const status of ORDER_STATUSES) {
      for (const action of ORDER_ACTIONS) {
        if (allowedActions(status).includes(action)) continue;
        const error = (() => {
          try {
            nextStatus(status, action);
          } catch (e) {
            return e;
          }
        })();
        expect(error).toBeInstanceOf(ConflictError);
        expect((error as ConflictError).errors).toEqual([{ field: 'status', message: expect.any(String) }]);
        refused++;
      }
    }
    // 6 statuses x 5 actions, 8 of them allowed.
    expect(refused).toBe(22);
  });

  it('ends in cancelled and refunded', () => {
    expect(allowedActions('cancelled')).toEqual([]);
    expect(allowedActions('refunded')).toEqual([]);
  });

  it('keeps the status on a partial refund and ends refunded when the total is reached', () => {
    const order = { status: 'delivered' as const, total: 5_998, refunded: 0 };
    const first = refund(order, 2_999);
    expect(first).toEqual({ status: 'delivered', refunded: 2_999 });
    expect(refund({ ...order, refunded: first.refunded }, 2_999)).toEqual({ status: 'refunded', refunded: 5_998 });
  });

  it('refuses to refund more than is left, nothing, or a fraction of a minor unit', () => {
    expect(() => refund({ status: 'paid', total: 1_000, refunded: 400 }, 601)).toThrow('Only 600');
    expect(() => refund({ status: 'paid', total: 1_000, refunded: 0 }, 0)).toThrow('above zero');
    expect(() => refund({ status: 'paid', total: 1_000, refunded: 0 }, 1.5)).toThrow('above zero');
    expect(() => refund({ status: 'pending_payment', total: 1_000, refunded: 0 }, 1)).toThrow(ConflictError);
  });

  it('gives stock back when an unshipped order is cancelled', () => {
    expect(releasesStock('pending_payment', 'cancelled')).toBe(true);
    expect(releasesStock('paid', 'cancelled')).toBe(true);
    expect(releasesStock('delivered', 'refunded')).toBe(false);
  });
});
