import Type, { type Static } from 'typebox';

// The seam between orders and whoever moves the money. A provider authorizes and captures a
// payment, refunds it, and vouches for its webhooks. Our side keeps its own record of every
// payment before and after each call (payments/store.ts), and passes its payment id as the
// provider's idempotency key, so a call retried after a crash cannot charge twice.

export interface Card {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export interface ChargeRequest {
  /** Our payment id: the provider's idempotency key. */
  paymentId: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  card: Card;
  /** What the shopper's statement and the provider's dashboard show, e.g. "marketgate US-100042". */
  description: string;
}

export type DeclineCode =
  | 'card_declined'
  | 'insufficient_funds'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'test_mode_live_card';

export type ChargeResult =
  | { outcome: 'captured'; reference: string; card: { brand: string; last4: string } }
  | {
      outcome: 'declined';
      reference: string;
      code: DeclineCode;
      message: string;
      card: { brand: string; last4: string };
    }
  /** The provider failed, not the card: safe to retry with the same payment id. */
  | { outcome: 'error'; message: string };

export const WebhookEventSchema = Type.Object({
  /** The provider's event id: handling an event twice must change nothing. */
  id: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.Enum(['payment.captured', 'payment.refunded']),
  /** The provider's reference of the payment the event is about. */
  reference: Type.String({ minLength: 1, maxLength: 200 }),
  /** Minor units, for a refund. */
  amount: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type WebhookEvent = Static<typeof WebhookEventSchema>;

export interface PaymentProvider {
  readonly code: string;
  /** Authorizes and captures at once: marketgate sells stock it has, so it takes the money when the order is placed. */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /** Refunds part or all of a captured payment; `refundId` is the idempotency key. */
  refund(reference: string, amount: number, refundId: string): Promise<{ reference: string }>;
  /** The event a webhook carries, or an error when its signature does not hold. */
  webhookEvent(headers: Record<string, string | string[] | undefined>, rawBody: string): WebhookEvent;
}
