import type { Clock } from '../../platform/clock.js';
import type { Database, Transaction } from '../../platform/database/index.js';
import {
  ConflictError,
  type FieldIssue,
  PaymentDeclinedError,
  PaymentProviderError,
  ValidationError,
} from '../../platform/errors.js';
import { isEmail } from '../../platform/formats.js';
import { problemType } from '../../platform/http/problem.js';
import { type Answer, idempotent, replayed } from '../../platform/idempotency/index.js';
import type { CartsService } from '../carts/index.js';
import type { FlashSaleService } from '../flashsale/index.js';
import type { InventoryService } from '../inventory/index.js';
import type { MarketService } from '../markets/index.js';
import type { Order, OrderAction, OrderRow, OrdersService } from '../orders/index.js';
import type { OutboxService } from '../outbox/index.js';
import {
  type Card,
  checkCard,
  type Payment,
  type PaymentsService,
  paymentView,
  type WebhookEvent,
} from '../payments/index.js';
import type { QuoteService } from '../quote/index.js';
import type { ShippingAddress } from '../shipping/index.js';
import { confirmation } from './emails.js';

// The checkout: a cart becomes an order with its stock held, in one transaction that prices and
// checks every line again; a payment turns it into a sale; staff moves and the clock do the rest.
// The one place where orders, stock and money move together.

export interface CheckoutInput {
  email: string;
  shippingAddress: ShippingAddress;
  shippingMethod: string;
}

/** The 402 answer to a declined card: a problem that carries the order, still open for another try. */
export interface DeclinedProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: FieldIssue[] | undefined;
  declineCode: string;
  order: Order;
}

/** A flash-sale unit's checkout: the buyer's email is the one they were admitted with, unless given. */
export interface UnitCheckoutInput {
  email?: string | undefined;
  shippingAddress: ShippingAddress;
  shippingMethod: string;
}

/** The 409 answer to a payment that completed after its order was cancelled: refunded at once. */
export interface LatePaymentProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: FieldIssue[] | undefined;
}

export interface PaymentInput {
  provider: string;
  card: Card;
}

export class CheckoutService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly holdMs: number,
    private readonly markets: MarketService,
    private readonly carts: CartsService,
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly outbox: OutboxService,
    private readonly quotes: QuoteService,
    private readonly stock: InventoryService,
    private readonly flashSales: FlashSaleService,
  ) {}

  /**
   * Places the cart's order and holds its stock; the same Idempotency-Key gets the same order.
   * Everything is read and priced first; the transaction then locks the cart, checks it is as it
   * was priced, and writes the order, the reservation and the cart's end together. (Reads from
   * other modules stay out of the transaction: on the embedded database they would wait for it.)
   */
  async checkout(cartId: string, input: CheckoutInput, key: string | undefined): Promise<Answer<Order>> {
    const at = this.clock.now();
    const scope = { scope: `checkout:${cartId}`, key, request: input, at };
    const earlier = await replayed<Order>(this.db, scope);
    if (earlier) return earlier;

    const { cart, items } = await this.carts.contents(cartId);
    if (cart.orderId) throw new ConflictError('This cart has been checked out already', 'cart');
    if (items.length === 0) throw new ConflictError('The cart is empty', 'cart');
    const market = await this.markets.get(cart.marketCode);
    // Sellable now, in words for shoppers (409), then priced, shipped and taxed (400 naming fields).
    const priced = await this.carts.price(market, items, at);
    const problem = priced.find((l) => l.problem !== null);
    if (problem) throw new ConflictError(problem.problem!, 'sku');
    const cost = await withEmailChecked(input.email, () =>
      this.quotes.cost(
        market,
        {
          lines: items.map((i) => ({ sku: i.sku, quantity: i.quantity })),
          shippingAddress: input.shippingAddress,
          shippingMethod: input.shippingMethod,
        },
        {
          at,
          prices: new Map(priced.map((l) => [l.sku, { sku: l.sku, currency: market.currency, amount: l.unitPrice! }])),
        },
      ),
    );

    return idempotent(this.db, scope, async (tx) => {
      const locked = await this.carts.lock(tx, cartId);
      if (locked.cart.orderId) throw new ConflictError('This cart has been checked out already', 'cart');
      const same = (a: typeof items, b: typeof items) =>
        a.length === b.length && a.every((item, i) => item.sku === b[i]!.sku && item.quantity === b[i]!.quantity);
      if (!same(locked.items, items))
        throw new ConflictError('The cart changed during checkout; check it and try again', 'cart');
      const names = new Map(priced.map((l) => [l.sku, { product: l.product, variant: l.variant }]));
      const order = await this.orders.place(
        tx,
        {
          marketCode: market.code,
          cartId,
          email: input.email.trim(),
          shippingAddress: cost.address,
          shippingMethod: { code: cost.method!.code, name: cost.method!.name },
          currency: market.currency,
          subtotal: cost.subtotal,
          discount: 0,
          shipping: cost.shippingAmount,
          tax: cost.tax.totalTax,
          taxIncluded: cost.tax.pricesIncludeTax,
          taxLines: cost.tax.rates.map((r) => ({ label: r.label, amount: r.amount })),
          total: cost.total,
          status: 'pending_payment',
          holdUntil: new Date(at.getTime() + this.holdMs),
        },
        cost.lines.map((l) => ({
          sku: l.sku,
          productId: names.get(l.sku)!.product.id,
          productName: names.get(l.sku)!.product.name,
          variantName: names.get(l.sku)!.variant.name,
          quantity: l.quantity,
          unitPrice: l.unit,
          amount: l.total,
          tax: l.tax,
        })),
        at,
      );
      await this.carts.close(tx, cartId, order.id);
      // Last: a shortage rolls back the order and the cart's close too (stock is held for every
      // line or none), and the stock rows, which every checkout of the same SKU waits for, are
      // locked for as short a time as the transaction allows.
      await this.stock.reserve(tx, {
        reference: order.id,
        marketCode: market.code,
        lines: cost.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
        expiresAt: new Date(order.holdUntil!),
      });
      return { status: 201, body: order };
    });
  }

  /**
   * Places the order of a unit a flash sale admitted the buyer to: one line at the sale's price,
   * shipped and taxed like any order, payable until the unit's hold runs out. The unit was set
   * aside from stock when the sale was made, so nothing is reserved here; paying settles the unit.
   */
  async checkoutUnit(
    saleId: string,
    admissionId: string,
    input: UnitCheckoutInput,
    key: string | undefined,
  ): Promise<Answer<Order>> {
    const at = this.clock.now();
    const scope = { scope: `flash-checkout:${admissionId}`, key, request: input, at };
    const earlier = await replayed<Order>(this.db, scope);
    if (earlier) return earlier;

    const unit = await this.flashSales.orderable(saleId, admissionId);
    const { sale, market, product, variant, admission } = unit;
    const cost = await withEmailChecked(input.email, () =>
      this.quotes.cost(
        market,
        {
          lines: [{ sku: sale.sku, quantity: 1 }],
          shippingAddress: input.shippingAddress,
          shippingMethod: input.shippingMethod,
        },
        { at, prices: new Map([[sale.sku, { sku: sale.sku, currency: market.currency, amount: sale.price }]]) },
      ),
    );
    return idempotent(this.db, scope, async (tx) => {
      const order = await this.orders.place(
        tx,
        {
          marketCode: market.code,
          cartId: null,
          email: input.email?.trim() ?? admission.email,
          shippingAddress: cost.address,
          shippingMethod: { code: cost.method!.code, name: cost.method!.name },
          currency: market.currency,
          subtotal: cost.subtotal,
          discount: 0,
          shipping: cost.shippingAmount,
          tax: cost.tax.totalTax,
          taxIncluded: cost.tax.pricesIncludeTax,
          taxLines: cost.tax.rates.map((r) => ({ label: r.label, amount: r.amount })),
          total: cost.total,
          status: 'pending_payment',
          holdUntil: admission.heldUntil,
        },
        cost.lines.map((l) => ({
          sku: l.sku,
          productId: product.id,
          productName: product.name,
          variantName: variant.name,
          quantity: l.quantity,
          unitPrice: l.unit,
          amount: l.total,
          tax: l.tax,
        })),
        at,
      );
      await this.flashSales.attach(tx, admission.id, order.id);
      return { status: 201, body: order };
    });
  }

  /**
   * Pays an order with a card, in three steps so that no crash or retry can charge twice: the
   * payment is recorded as pending and committed; the provider is called with that payment's id
   * as its idempotency key; the answer is recorded with the order's move to `paid`, the stock's
   * commitment and the confirmation email, in one transaction. A retry after a crash finds the
   * pending payment and repeats the same charge. A decline is an answer too (402), kept for the
   * Idempotency-Key like a success.
   */
  async pay(
    orderId: string,
    input: PaymentInput,
    key: string | undefined,
  ): Promise<Answer<Order | DeclinedProblem | LatePaymentProblem>> {
    const at = this.clock.now();
    const { card, issues } = checkCard(input.card, at);
    if (issues.length > 0) throw new ValidationError(issues);
    const provider = this.payments.provider(input.provider);
    const scope = {
      scope: `payment:${orderId}`,
      key,
      request: { provider: input.provider, last4: card.number.slice(-4) },
      at,
    };
    const earlier = await replayed<Order | DeclinedProblem | LatePaymentProblem>(this.db, scope);
    if (earlier) return earlier;

    const { payment, marketCode, unit } = await this.db.transaction(async (tx) => {
      const order = await this.expireIfOverdue(tx, await this.orders.lock(tx, orderId), at);
      payable(order);
      return {
        payment: await this.payments.open(tx, order, provider.code, at),
        marketCode: order.marketCode,
        unit: await this.flashSales.unitOf(tx, orderId),
      };
    });
    const result = await provider.charge({
      paymentId: payment.id,
      amount: payment.amount,
      currency: payment.currency,
      card,
      description: `marketgate order ${orderId}`,
    });
    // The provider failed, not the card: the payment stays pending, and a retry repeats this very charge.
    if (result.outcome === 'error') throw new PaymentProviderError(`${result.message}; nothing was charged, try again`);

    const market = await this.markets.get(marketCode);
    // A flash-sale unit is claimed as sold before the order moves, outside the transaction (the
    // engine may be Redis); a unit whose hold ran out is not the buyer's any more, and is refunded.
    const unitKept = unit && result.outcome === 'captured' ? await this.flashSales.settle(unit, orderId) : true;
    return idempotent<Order | DeclinedProblem | LatePaymentProblem>(this.db, scope, async (tx) => {
      const { row: order, lines } = await this.orders.lockWithLines(tx, orderId);
      const settled = await this.payments.settle(tx, payment, result, at);
      if (settled.status === 'declined') {
        const declined = new PaymentDeclinedError(settled.message!, settled.declineCode!);
        const problem = {
          type: problemType(declined.code),
          title: declined.title,
          status: declined.status,
          detail: declined.message,
          errors: declined.errors,
          declineCode: declined.declineCode,
          order: this.orders.viewAs(order, lines),
        };
        return { status: 402, body: problem };
      }
      if (order.status === 'paid') return { status: 200, body: this.orders.viewAs(order, lines) };
      if (order.status !== 'pending_payment' || !unitKept) {
        // The hold ran out while the card was being charged: the money goes back.
        if (order.status === 'pending_payment') {
          await this.orders.move(tx, order, 'cancel', 'system: the flash-sale hold ran out before the payment', at);
        }
        await this.payments.refund(tx, order.id, settled.amount, `${settled.id}:late`, at);
        // Answered, not thrown: a throw would roll the refund back with the rest.
        const late = new ConflictError(
          order.status === 'pending_payment'
            ? 'The hold on the flash-sale unit ran out before the payment completed; the payment was refunded'
            : 'The order was cancelled before the payment completed; the payment was refunded',
          'status',
        );
        return {
          status: late.status,
          body: {
            type: problemType(late.code),
            title: late.title,
            status: late.status,
            detail: late.message,
            errors: late.errors,
          },
        };
      }
      const { after } = await this.orders.move(tx, order, 'pay', 'customer', at, { payment: paymentView(settled) });
      const view = this.orders.viewAs(after, lines);
      await this.outbox.queue(tx, confirmation(view, market), at);
      // Last, like the reservation in checkout: the stock rows every payment of the same SKU waits
      // for are held until the commit that follows. A refusal (the hold expired) rolls back the rest.
      // A flash-sale unit was set aside from stock with its sale, and is settled above instead.
      if (!unit) await this.stock.commit(tx, order.id);
      return { status: 201, body: view };
    });
  }

  /** A staff move: fulfil, deliver, cancel (gives the stock back and refunds what was paid). */
  async act(orderId: string, action: Exclude<OrderAction, 'pay' | 'refund'>, actor: string): Promise<Order> {
    const at = this.clock.now();
    return this.db.transaction(async (tx) => {
      const order = await this.orders.lock(tx, orderId);
      const { after } = await this.orders.move(tx, order, action, actor, at);
      if (action === 'cancel') await this.giveBack(tx, order, at);
      return this.orders.view(tx, after);
    });
  }

  /** Refunds part or all of what was paid; the refund that reaches the total ends the order `refunded`. */
  async refund(orderId: string, amount: number, actor: string, key: string | undefined): Promise<Answer<Order>> {
    const at = this.clock.now();
    return idempotent(this.db, { scope: `refund:${orderId}`, key, request: { amount }, at }, async (tx) => {
      const order = await this.orders.lock(tx, orderId);
      const { after } = await this.orders.refund(tx, order, amount, actor, at);
      await this.payments.refund(tx, order.id, amount, key ?? `${order.id}:${order.refunded}`, at);
      return { status: 201, body: await this.orders.view(tx, after) };
    });
  }

  /**
   * A provider's event: a refund made in the provider's own dashboard is recorded on the order.
   * Captures are recorded when the charge answers, so their events change nothing here. The event
   * is marked handled in the same transaction, so one that fails (a refund the order cannot take)
   * is applied when the provider delivers it again, not dropped as a duplicate. False for an event
   * handled before.
   */
  async applyWebhook(received: {
    provider: string;
    event: WebhookEvent;
    payment: Payment | undefined;
  }): Promise<boolean> {
    const { provider, event, payment } = received;
    const at = this.clock.now();
    return this.db.transaction(async (tx) => {
      if (!(await this.payments.markHandled(tx, provider, event, at))) return false;
      if (!payment || event.type !== 'payment.refunded') return true;
      const amount = event.amount ?? payment.amount - payment.refunded;
      const order = await this.orders.lock(tx, payment.orderId);
      await this.orders.refund(tx, order, amount, `provider: ${payment.provider}`, at);
      await this.payments.recordRefund(tx, payment.id, amount, at);
      return true;
    });
  }

  /** Cancels the orders whose hold on stock ran out unpaid, and gives their stock back. */
  async expireOverdue(): Promise<number> {
    const at = this.clock.now();
    let expired = 0;
    for (const overdue of await this.orders.overdue(at, 100)) {
      await this.db.transaction(async (tx) => {
        const order = await this.orders.lock(tx, overdue.id);
        if ((await this.expireIfOverdue(tx, order, at)) !== order) expired++;
      });
    }
    return expired;
  }

  private async expireIfOverdue(tx: Transaction, order: OrderRow, at: Date): Promise<OrderRow> {
    if (order.status !== 'pending_payment' || !order.holdUntil || order.holdUntil > at) return order;
    await this.stock.release(tx, order.id, 'expired');
    const { after } = await this.orders.move(tx, order, 'cancel', 'system: not paid within the hold', at);
    return after;
  }

  private async giveBack(tx: Transaction, order: OrderRow, at: Date): Promise<void> {
    if (order.status === 'pending_payment') {
      await this.stock.release(tx, order.id, 'cancelled');
      return;
    }
    const unit = await this.flashSales.unitOf(tx, order.id);
    if (unit) await this.flashSales.returnUnit(tx, unit, order.id);
    else await this.stock.restock(tx, order.id);
    const left = order.total - order.refunded;
    if (left > 0) await this.payments.refund(tx, order.id, left, `${order.id}:cancel`, at);
  }
}

function payable(order: OrderRow): void {
  if (order.status === 'pending_payment') return;
  throw new ConflictError(
    order.status === 'cancelled'
      ? 'The order was cancelled: its stock is held for a limited time. Place it again.'
      : `The order is ${order.status.replace('_', ' ')} and takes no payment`,
    'status',
  );
}

/**
 * The quote of the order's delivery, its refusal (the address, the method) joined by the email's
 * when that is no address either: a shopper is told every field to fix at once. The schema takes
 * any text as the email so that a mistyped one is reported with the rest, not before it.
 */
async function withEmailChecked<T>(email: string | undefined, quote: () => Promise<T>): Promise<T> {
  const issues: FieldIssue[] =
    email !== undefined && !isEmail(email.trim())
      ? [{ field: 'email', message: 'Enter your email address, like name@example.com.' }]
      : [];
  let quoted: T;
  try {
    quoted = await quote();
  } catch (error) {
    if (issues.length > 0 && error instanceof ValidationError) {
      throw new ValidationError([...issues, ...(error.errors ?? [])]);
    }
    throw error;
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return quoted;
}
