import { describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { checkCard, luhn } from './card.js';
import { signWebhook, TEST_CARDS, testProvider } from './test-provider.js';

const now = new Date('2026-11-24T12:00:00Z');
const card = (number: string) => ({ number, expMonth: 12, expYear: 2030, cvc: '123' });

describe('card checks', () => {
  it('knows a valid card number by its Luhn digit', () => {
    for (const number of Object.keys(TEST_CARDS)) expect(luhn(number)).toBe(true);
    expect(luhn('4242424242424241')).toBe(false);
  });

  it('strips spaces and dashes and takes a two-digit year', () => {
    const { card: checked, issues } = checkCard(
      { number: '4242 4242-4242 4242', expMonth: 1, expYear: 27, cvc: '123' },
      now,
    );
    expect(issues).toEqual([]);
    expect(checked).toMatchObject({ number: '4242424242424242', expYear: 2027 });
  });

  it('names each field a shopper must correct', () => {
    expect(checkCard({ number: '4242424242424241', expMonth: 13, expYear: 2030, cvc: '12' }, now).issues).toEqual([
      { field: 'card.number', message: 'is not a valid card number (check the digits)' },
      { field: 'card.expMonth', message: 'must be a month from 1 to 12' },
      { field: 'card.cvc', message: 'must be the 3 digits on the card' },
    ]);
    expect(checkCard({ ...card('4242424242424242'), expMonth: 10, expYear: 2026 }, now).issues).toEqual([
      { field: 'card.expYear', message: 'the card has expired' },
    ]);
    expect(checkCard({ ...card('4242424242424242'), expYear: 99999999999 }, now).issues).toEqual([
      { field: 'card.expYear', message: 'is more than 20 years ahead: check the year' },
    ]);
    // A card is good through the end of its expiry month.
    expect(checkCard({ ...card('4242424242424242'), expMonth: 11, expYear: 2026 }, now).issues).toEqual([]);
    expect(checkCard({ ...card('378282246310005'), cvc: '123' }, now).issues).toEqual([
      { field: 'card.cvc', message: 'must be the 4 digits on the card' },
    ]);
  });
});

describe('the test payment provider', () => {
  const provider = testProvider(manualClock(now), 'whsec_test');
  const charge = (number: string, paymentId = 'pay-1') =>
    provider.charge({ paymentId, amount: 2_999, currency: 'USD', card: card(number), description: 'test' });

  it('captures 4242 4242 4242 4242 and declines 4000 0000 0000 0002', async () => {
    expect(await charge('4242424242424242')).toMatchObject({
      outcome: 'captured',
      card: { brand: 'visa', last4: '4242' },
    });
    expect(await charge('4000000000000002')).toMatchObject({ outcome: 'declined', code: 'card_declined' });
    expect(await charge('4000000000009995')).toMatchObject({ outcome: 'declined', code: 'insufficient_funds' });
    expect(await charge('4000000000000119')).toEqual({ outcome: 'error', message: expect.any(String) });
  });

  it('declines any card that is not a test card', async () => {
    expect(await charge('4111111111111111')).toMatchObject({ outcome: 'declined', code: 'test_mode_live_card' });
  });

  it('gives a retried charge the reference of the first', async () => {
    const [first, again, other] = [
      await charge('4242424242424242'),
      await charge('4242424242424242'),
      await charge('4242424242424242', 'pay-2'),
    ];
    expect(first).toEqual(again);
    expect(first).not.toEqual(other);
  });

  it('accepts a webhook signed with the secret, and refuses a forged, altered or stale one', () => {
    const body = JSON.stringify({ id: 'evt_1', type: 'payment.refunded', reference: 'test_abc', amount: 500 });
    const headers = { 'marketgate-signature': signWebhook('whsec_test', body, now) };
    expect(provider.webhookEvent(headers, body)).toEqual(JSON.parse(body));
    expect(() => provider.webhookEvent({ 'marketgate-signature': signWebhook('guess', body, now) }, body)).toThrow(
      'does not match',
    );
    expect(() => provider.webhookEvent(headers, body.replace('500', '50000'))).toThrow('does not match');
    expect(() => provider.webhookEvent({}, body)).toThrow('does not match');
    const stale = { 'marketgate-signature': signWebhook('whsec_test', body, new Date(now.getTime() - 600_000)) };
    expect(() => provider.webhookEvent(stale, body)).toThrow('too long ago');
    expect(() => testProvider(manualClock(now), undefined).webhookEvent(headers, body)).toThrow(
      'PAYMENT_WEBHOOK_SECRET',
    );
  });
});
