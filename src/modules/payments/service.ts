import { and, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/database/index.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import type { ChargeResult, PaymentProvider, WebhookEvent } from './provider.js';
import { paymentEvents, payments } from './tables.js';

export type Payment = typeof payments.$inferSelect;

/** What the API shows of a payment: never the card number, only its brand and last four digits. */
export interface PaymentView {
  id: string;
  provider: string;
  amount: number;
  currency: string;
  status: Payment['status'];
  card: { brand: string; last4: string } | null;
  declineCode: string | null;
  message: string | null;
  refunded: number;
  createdAt: string;
}

export const paymentView = (p: Payment): PaymentView => ({
  id: p.id,
  provider: p.provider,
  amount: p.amount,
  currency: p.currency,
  status: p.status,
  card: p.cardBrand && p.cardLast4 ? { brand: p.cardBrand, last4: p.cardLast4 } : null,
  declineCode: p.declineCode,
  message: p.message,
  refunded: p.refunded,
  createdAt: p.createdAt.toISOString(),
});

export class PaymentsService {
  private readonly providers: Map<string, PaymentProvider>;

  constructor(
    private readonly db: Database,
    providers: PaymentProvider[],
  ) {
    this.providers = new Map(providers.map((p) => [p.code, p]));
  }

  provider(code: string): PaymentProvider {
    const provider = this.providers.get(code);
    if (!provider) throw ValidationError.field('provider', `must be one of: ${[...this.providers.keys()].join(', ')}`);
    return provider;
  }

  /**
   * The payment to charge for an order: a new one, or the one a crashed or concurrent attempt left
   * pending, so that its provider call is repeated with the same id (the provider's idempotency
   * key) and cannot charge twice. The caller holds the order's lock and commits before calling the provider.
   */
  async open(
    tx: Executor,
    order: { id: string; total: number; currency: string },
    provider: string,
    at: Date,
  ): Promise<Payment> {
    const [pending] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.orderId, order.id), eq(payments.status, 'pending')));
    if (pending) return pending;
    const [row] = await tx
      .insert(payments)
      .values({
        orderId: order.id,
        provider,
        amount: order.total,
        currency: order.currency,
        status: 'pending',
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    return row!;
  }

  /** Records the provider's answer on a pending payment; a payment already settled keeps its first answer. */
  async settle(tx: Executor, payment: Payment, result: ChargeResult, at: Date): Promise<Payment> {
    const change =
      result.outcome === 'error'
        ? { status: 'failed' as const, message: result.message }
        : {
            status: result.outcome === 'captured' ? ('captured' as const) : ('declined' as const),
            reference: result.reference,
            cardBrand: result.card.brand,
            cardLast4: result.card.last4,
            declineCode: result.outcome === 'declined' ? result.code : null,
            message: result.outcome === 'declined' ? result.message : null,
          };
    // Only a pending payment takes the answer: the update waits for a concurrent settle's lock and
    // then finds the payment settled, and the first answer is read back instead.
    const [row] = await tx
      .update(payments)
      .set({ ...change, updatedAt: at })
      .where(and(eq(payments.id, payment.id), eq(payments.status, 'pending')))
      .returning();
    if (row) return row;
    const [current] = await tx.select().from(payments).where(eq(payments.id, payment.id));
    if (!current) throw new NotFoundError(`No payment ${payment.id}`);
    return current;
  }

  async ofOrder(db: Executor, orderId: string): Promise<Payment[]> {
    return db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(payments.createdAt);
  }

  /**
   * Refunds `amount` of an order's captured payments, oldest first, through their providers.
   * Runs in the caller's transaction: if recording fails, the caller rolls back, and the provider's
   * refund is repeated with the same refund id on the next try.
   */
  async refund(tx: Executor, orderId: string, amount: number, refundKey: string, at: Date): Promise<void> {
    let left = amount;
    const captured = (await this.ofOrder(tx, orderId)).filter((p) => p.status === 'captured' && p.refunded < p.amount);
    for (const payment of captured) {
      if (left === 0) break;
      const part = Math.min(left, payment.amount - payment.refunded);
      await this.provider(payment.provider).refund(payment.reference!, part, `${refundKey}:${payment.id}`);
      await this.recordRefund(tx, payment.id, part, at);
      left -= part;
    }
    if (left > 0) throw new ValidationError([{ field: 'amount', message: 'is more than was captured' }]);
  }

  /** Adds a refund to a payment's refunded amount; the database refuses more than was paid. */
  async recordRefund(tx: Executor, paymentId: string, amount: number, at: Date): Promise<void> {
    await tx
      .update(payments)
      .set({ refunded: sql`${payments.refunded} + ${amount}`, updatedAt: at })
      .where(eq(payments.id, paymentId));
  }

  /** A webhook's event, verified by its provider, and the payment it is about (if known here). */
  async webhook(
    providerCode: string,
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
  ): Promise<{ provider: string; event: WebhookEvent; payment: Payment | undefined }> {
    const event = this.provider(providerCode).webhookEvent(headers, rawBody);
    const [payment] = await this.db
      .select()
      .from(payments)
      .where(and(eq(payments.provider, providerCode), eq(payments.reference, event.reference)));
    return { provider: providerCode, event, payment };
  }

  /**
   * Marks the event handled, in the transaction that applies it: false when it was handled before.
   * An event whose application fails is left unmarked, so the provider's next delivery applies it.
   */
  async markHandled(tx: Executor, provider: string, event: WebhookEvent, at: Date): Promise<boolean> {
    const fresh = await tx
      .insert(paymentEvents)
      .values({ provider, eventId: event.id, type: event.type, receivedAt: at })
      .onConflictDoNothing()
      .returning();
    return fresh.length > 0;
  }
}
