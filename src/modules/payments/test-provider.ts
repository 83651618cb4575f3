import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import { UnauthorizedError, ValidationError } from '../../platform/errors.js';
import { check } from '../../platform/validate.js';
import { cardBrand } from './card.js';
import {
  type ChargeResult,
  type DeclineCode,
  type PaymentProvider,
  type WebhookEvent,
  WebhookEventSchema,
} from './provider.js';

// The built-in `test` provider: no money moves. It answers like the best-known provider's test
// mode, by card number, so a demo, a test or a load test can play every path of a payment.

/** The test cards and what each does (README, "Payments"). Any other valid number is declined. */
export const TEST_CARDS: Record<
  string,
  { outcome: 'captured' } | { outcome: 'declined'; code: DeclineCode } | { outcome: 'error' }
> = {
  '4242424242424242': { outcome: 'captured' },
  '5555555555554444': { outcome: 'captured' },
  '4000000000000002': { outcome: 'declined', code: 'card_declined' },
  '4000000000009995': { outcome: 'declined', code: 'insufficient_funds' },
  '4000000000000069': { outcome: 'declined', code: 'expired_card' },
  '4000000000000127': { outcome: 'declined', code: 'incorrect_cvc' },
  '4000000000000119': { outcome: 'error' },
};

const MESSAGES: Record<DeclineCode, string> = {
  card_declined: 'The card was declined',
  insufficient_funds: 'The card has insufficient funds',
  expired_card: 'The card has expired',
  incorrect_cvc: "The card's security code is incorrect",
  test_mode_live_card: 'The test provider accepts only test cards (see the README)',
};

export const SIGNATURE_HEADER = 'marketgate-signature';
/** How old a signed webhook may be: a captured one cannot be replayed later. */
const TOLERANCE_MS = 5 * 60_000;

/** The signature header value for a body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export function testProvider(clock: Clock, webhookSecret: string | undefined): PaymentProvider {
  // The same payment id always gets the same reference: a retried charge is the same charge.
  const reference = (id: string) => `test_${createHash('sha256').update(id).digest('hex').slice(0, 24)}`;
  return {
    code: 'test',
    async charge(request): Promise<ChargeResult> {
      const card = { brand: cardBrand(request.card.number), last4: request.card.number.slice(-4) };
      const rule = TEST_CARDS[request.card.number] ?? { outcome: 'declined', code: 'test_mode_live_card' };
      if (rule.outcome === 'error')
        return { outcome: 'error', message: 'The test provider failed to process the card' };
      if (rule.outcome === 'declined') {
        return {
          outcome: 'declined',
          reference: reference(request.paymentId),
          code: rule.code,
          message: MESSAGES[rule.code],
          card,
        };
      }
      return { outcome: 'captured', reference: reference(request.paymentId), card };
    },
    async refund(_reference, _amount, refundId) {
      return { reference: reference(refundId) };
    },
    webhookEvent(headers, rawBody): WebhookEvent {
      if (!webhookSecret) throw new UnauthorizedError('Webhooks need PAYMENT_WEBHOOK_SECRET to be set');
      const header = headers[SIGNATURE_HEADER];
      const parts = new Map(
        String(Array.isArray(header) ? header[0] : (header ?? ''))
          .split(',')
          .map((p) => p.split('=') as [string, string]),
      );
      const t = Number(parts.get('t'));
      const given = Buffer.from(parts.get('v1') ?? '', 'hex');
      const expected = createHmac('sha256', webhookSecret).update(`${t}.${rawBody}`).digest();
      if (!Number.isInteger(t) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new UnauthorizedError(`The ${SIGNATURE_HEADER} header does not match the body`);
      }
      if (Math.abs(clock.now().getTime() - t * 1000) > TOLERANCE_MS) {
        throw new UnauthorizedError('The webhook is signed too long ago (or in the future)');
      }
      let event: unknown;
      try {
        event = JSON.parse(rawBody);
      } catch {
        throw ValidationError.field('(body)', 'is not JSON');
      }
      return check(WebhookEventSchema, event);
    },
  };
}
