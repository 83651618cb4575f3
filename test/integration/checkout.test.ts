import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../src/modules/payments/index.js';
import { manualClock } from '../../src/platform/clock.js';
import { DEMO_DAY, startTestApp, type TestApp } from '../support/app.js';

// A shopper's purchase end to end over HTTP, on the demo scenario: cart, checkout, payment, and
// what staff and the clock do afterwards.

const POWER_BANK = 'MIPB10K-SLV';
const PHONE = 'MI4-16GB-BLK';
const SUCCESS = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123' };
const DECLINE = { ...SUCCESS, number: '4000000000000002' };
const US_ADDRESS = {
  name: 'Ana Lima',
  line1: '1 Market St',
  city: 'San Francisco',
  region: 'CA',
  postalCode: '94105',
  country: 'US',
};

const clock = manualClock(DEMO_DAY);
let app: TestApp;
const anonymous = {};

beforeAll(async () => {
  app = await startTestApp({ listen: false, clock, env: { PAYMENT_WEBHOOK_SECRET: 'whsec_test_0123456789' } });
});
afterAll(() => app.close());

async function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url, payload: payload as object, headers });
}

async function cartWith(market: string, sku: string, quantity = 1): Promise<string> {
  const cart = await post(`/api/store/markets/${market}/carts`, {});
  expect(cart.statusCode).toBe(201);
  const id = cart.json().id as string;
  const added = await post(`/api/store/carts/${id}/items`, { sku, quantity });
  expect(added.statusCode, added.body).toBe(200);
  return id;
}

async function available(market: string, sku: string): Promise<number> {
  return (await app.platform.services.inventory.available(market, [sku])).get(sku) ?? 0;
}

const checkoutBody = (email = 'ana@example.com') => ({
  email,
  shippingAddress: US_ADDRESS,
  shippingMethod: 'standard',
});

describe('a purchase in the US', () => {
  it('pays a power bank with the success card: paid, stock down by one, a confirmation in the outbox', async () => {
    const before = await available('US', POWER_BANK);
    const cart = await cartWith('US', POWER_BANK);
    const placed = await post(`/api/store/carts/${cart}/checkout`, checkoutBody(), anonymous);
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json();
    expect(order).toMatchObject({ status: 'pending_payment', market: 'US', currency: 'USD' });
    expect(order.number).toMatch(/^US-\d{6}$/);
    // US prices exclude tax: California's is added at checkout, on top of the price.
    expect(order.totals.subtotal).toBe(2_999);
    expect(order.totals.taxIncluded).toBe(false);
    expect(order.totals.tax).toBeGreaterThan(0);
    expect(order.totals.total).toBe(order.totals.subtotal + order.totals.shipping + order.totals.tax);
    expect(await available('US', POWER_BANK)).toBe(before - 1);

    const paid = await post(`/api/store/orders/${order.id}/payments`, { provider: 'test', card: SUCCESS }, anonymous);
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({ id: order.id, status: 'paid', holdUntil: null });
    expect(await available('US', POWER_BANK)).toBe(before - 1);

    const outbox = (await app.inject({ method: 'GET', url: '/api/admin/outbox' })).json().messages;
    const confirmation = outbox.find((m: { about: { order?: string } }) => m.about.order === order.number);
    expect(confirmation).toMatchObject({ kind: 'order-confirmation', to: 'ana@example.com' });
    expect(confirmation.text).toContain('$29.99');
    // In the shop's words: the platform's name is not the shop's.
    expect(confirmation.text).toContain(`Thank you for your order ${order.number} from our United States store.`);
    expect(confirmation.text).not.toContain('marketgate');

    const found = await post('/api/store/orders/lookup', {
      number: order.number.toLowerCase(),
      email: 'ANA@example.com',
    });
    expect(found.json()).toMatchObject({ id: order.id, status: 'paid' });
    expect(
      (await post('/api/store/orders/lookup', { number: order.number, email: 'eve@example.com' })).statusCode,
    ).toBe(404);
  });

  it('leaves the order unpaid on the decline card, and gives the stock back when the hold runs out', async () => {
    const before = await available('US', POWER_BANK);
    const cart = await cartWith('US', POWER_BANK);
    const order = (await post(`/api/store/carts/${cart}/checkout`, checkoutBody(), anonymous)).json();
    const declined = await post(
      `/api/store/orders/${order.id}/payments`,
      { provider: 'test', card: DECLINE },
      anonymous,
    );
    expect(declined.statusCode).toBe(402);
    expect(declined.headers['content-type']).toContain('application/problem+json');
    expect(declined.json()).toMatchObject({ declineCode: 'card_declined', order: { status: 'pending_payment' } });
    expect(await available('US', POWER_BANK)).toBe(before - 1);

    clock.advance(16 * 60_000);
    try {
      expect(await app.platform.services.checkout.expireOverdue()).toBe(1);
      expect(await available('US', POWER_BANK)).toBe(before);
      const detail = (await app.inject({ method: 'GET', url: `/api/admin/orders/${order.id}` })).json();
      expect(detail.status).toBe('cancelled');
      expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['place', 'cancel']);
      expect(detail.events[1].actor).toBe('system: not paid within the hold');
      const late = await post(`/api/store/orders/${order.id}/payments`, { provider: 'test', card: SUCCESS }, anonymous);
      expect(late.statusCode).toBe(409);
    } finally {
      clock.set(DEMO_DAY);
    }
  });

  it('refuses the phone in a US cart with 409, in words for shoppers', async () => {
    const cart = (await post('/api/store/markets/US/carts', {})).json().id;
    const added = await post(`/api/store/carts/${cart}/items`, { sku: PHONE, quantity: 1 });
    expect(added.statusCode).toBe(409);
    expect(added.json().detail).toBe(
      'Mi 4 cannot be bought in United States: it is not part of this market’s range; it is not yet certified for sale here; the services it needs are not yet available here',
    );
    const unknown = await post(`/api/store/carts/${cart}/items`, { sku: 'NOPE', quantity: 1 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ field: 'sku', message: 'no product has the SKU "NOPE"' }]);
  });

  it('takes nothing more into a cart once it is checked out: an add racing the checkout lands in the order or is refused', async () => {
    for (let i = 0; i < 5; i++) {
      const cart = await cartWith('US', POWER_BANK);
      const [placed, added] = await Promise.all([
        post(`/api/store/carts/${cart}/checkout`, checkoutBody(), anonymous),
        post(`/api/store/carts/${cart}/items`, { sku: POWER_BANK, quantity: 1 }),
      ]);
      expect([200, 409]).toContain(added.statusCode);
      expect([201, 409]).toContain(placed.statusCode);
      const after = (await app.inject({ method: 'GET', url: `/api/store/carts/${cart}` })).json();
      if (placed.statusCode === 201) {
        expect(after.orderId).toBe(placed.json().id);
        expect(placed.json().lines.map((l: { quantity: number }) => l.quantity)).toEqual([after.items[0].quantity]);
        if (added.statusCode === 409) expect(added.json().detail).toMatch(/checked out/);
      } else {
        expect(after.orderId).toBeNull();
      }
    }
    const cart = await cartWith('US', POWER_BANK);
    expect((await post(`/api/store/carts/${cart}/checkout`, checkoutBody(), anonymous)).statusCode).toBe(201);
    const late = await post(`/api/store/carts/${cart}/items`, { sku: POWER_BANK, quantity: 1 });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toBe('This cart has been checked out; start a new one');
  });

  it('returns the first order to a checkout retried with the same Idempotency-Key, and refuses the key with another body', async () => {
    const cart = await cartWith('US', POWER_BANK);
    const key = { 'idempotency-key': 'checkout-retry-1' };
    const first = await post(`/api/store/carts/${cart}/checkout`, checkoutBody(), key);
    const again = await post(`/api/store/carts/${cart}/checkout`, checkoutBody(), key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await post(`/api/store/carts/${cart}/checkout`, checkoutBody('bob@example.com'), key);
    expect(other.statusCode).toBe(422);
    // Without the key, a second checkout of the same cart is refused: it became an order.
    expect((await post(`/api/store/carts/${cart}/checkout`, checkoutBody(), anonymous)).statusCode).toBe(409);
  });

  it('names the fields a shopper must correct', async () => {
    const cart = await cartWith('US', POWER_BANK);
    const bad = await post(`/api/store/carts/${cart}/checkout`, {
      ...checkoutBody(),
      shippingAddress: { ...US_ADDRESS, postalCode: '9410' },
      shippingMethod: 'teleport',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'shippingAddress.postalCode',
      'shippingMethod',
    ]);
    const abroad = await post(`/api/store/carts/${cart}/checkout`, {
      ...checkoutBody(),
      shippingAddress: { ...US_ADDRESS, country: 'DE', postalCode: '10115', region: undefined },
    });
    expect(abroad.json().errors[0].field).toBe('shippingAddress.country');
    // An empty form is told every field at once, the email with the address.
    const empty = await post(`/api/store/carts/${cart}/checkout`, {
      email: '',
      shippingAddress: { name: '', line1: '', city: '', country: 'US' },
      shippingMethod: 'standard',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'email',
      'shippingAddress.name',
      'shippingAddress.line1',
      'shippingAddress.city',
      'shippingAddress.region',
      'shippingAddress.postalCode',
    ]);
    const typo = await post(`/api/store/carts/${cart}/checkout`, { ...checkoutBody(), email: 'shopper.example.com' });
    expect(typo.json().errors).toEqual([
      { field: 'email', message: 'Enter your email address, like name@example.com.' },
    ]);
    const order = (await post(`/api/store/carts/${cart}/checkout`, checkoutBody())).json();
    const card = await post(`/api/store/orders/${order.id}/payments`, {
      provider: 'test',
      card: { ...SUCCESS, number: '4242424242424241', cvc: '1' },
    });
    expect(card.statusCode).toBe(400);
    expect(card.json().errors.map((e: { field: string }) => e.field)).toEqual(['card.number', 'card.cvc']);
  });
});

describe('prices and tax by market', () => {
  it('shows the VAT inside the price where prices include it (China, 13%)', async () => {
    const cart = (
      await app.inject({
        method: 'GET',
        url: `/api/store/carts/${await cartWith('CN', POWER_BANK)}`,
        headers: anonymous,
      })
    ).json();
    expect(cart.currency).toBe('CNY');
    // ¥129.00 holds 129 x 13/113 = ¥14.84 of VAT: shown, not added.
    expect(cart.totals).toMatchObject({ subtotal: 12_900, tax: 1_484, taxIncluded: true, total: 12_900 });
  });

  it('adds US sales tax only once the address is known', async () => {
    const cart = (
      await app.inject({
        method: 'GET',
        url: `/api/store/carts/${await cartWith('US', POWER_BANK)}`,
        headers: anonymous,
      })
    ).json();
    expect(cart.totals).toMatchObject({ subtotal: 2_999, tax: null, taxIncluded: false, total: 2_999 });
  });
});

describe('staff and orders', () => {
  async function paidOrder(): Promise<{ id: string; total: number }> {
    const cart = await cartWith('US', POWER_BANK, 2);
    const order = (await post(`/api/store/carts/${cart}/checkout`, checkoutBody(), anonymous)).json();
    await post(`/api/store/orders/${order.id}/payments`, { provider: 'test', card: SUCCESS }, anonymous);
    return { id: order.id, total: order.totals.total };
  }

  it('fulfils, delivers and refunds in parts, and answers a move the status does not allow with 409', async () => {
    const order = await paidOrder();
    const act = (action: string) => app.inject({ method: 'POST', url: `/api/admin/orders/${order.id}/${action}` });
    expect((await act('deliver')).statusCode).toBe(409);
    expect((await act('fulfil')).json().status).toBe('fulfilled');
    expect((await act('cancel')).statusCode).toBe(409);
    expect((await act('deliver')).json().status).toBe('delivered');
    const huge = await app.inject({
      method: 'POST',
      url: `/api/admin/orders/${order.id}/refunds`,
      payload: { amount: 1e20 },
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().errors[0]).toMatchObject({ field: 'amount', message: expect.stringMatching(/^must be <= /) });
    const part = await app.inject({
      method: 'POST',
      url: `/api/admin/orders/${order.id}/refunds`,
      payload: { amount: 1_000 },
    });
    expect(part.json()).toMatchObject({ status: 'delivered', totals: { refunded: 1_000 } });
    const rest = await app.inject({
      method: 'POST',
      url: `/api/admin/orders/${order.id}/refunds`,
      payload: { amount: order.total - 1_000 },
    });
    expect(rest.json()).toMatchObject({ status: 'refunded', totals: { refunded: order.total } });
    const detail = (await app.inject({ method: 'GET', url: `/api/admin/orders/${order.id}` })).json();
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      'place',
      'pay',
      'fulfil',
      'deliver',
      'refund',
      'refund',
    ]);
    expect(detail.payments[0]).toMatchObject({
      status: 'captured',
      refunded: order.total,
      card: { brand: 'visa', last4: '4242' },
    });
  });

  it("shows a customer's email and street only to staff allowed to see personal data", async () => {
    const order = await paidOrder();
    const as = async (role: 'merchandiser' | 'support') =>
      (
        await app.inject({ method: 'GET', url: `/api/admin/orders/${order.id}`, headers: await app.tokenFor(role) })
      ).json();
    const merchandiser = await as('merchandiser');
    expect(merchandiser.email).toBe('(hidden: needs customers:read-pii)');
    expect(merchandiser.shippingAddress).toMatchObject({
      line1: '(hidden: needs customers:read-pii)',
      city: 'San Francisco',
    });
    expect((await as('support')).email).toBe('ana@example.com');
  });

  it('cancels a paid order: the stock goes back and the payment is refunded', async () => {
    const before = await available('US', POWER_BANK);
    const order = await paidOrder();
    expect(await available('US', POWER_BANK)).toBe(before - 2);
    const cancelled = await app.inject({ method: 'POST', url: `/api/admin/orders/${order.id}/cancel` });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', totals: { refunded: order.total } });
    expect(await available('US', POWER_BANK)).toBe(before);
  });

  it('records a refund the provider reports by a signed webhook, once', async () => {
    const order = await paidOrder();
    const [payment] = (await app.inject({ method: 'GET', url: `/api/admin/orders/${order.id}` })).json().payments;
    const reference = (await app.platform.services.payments.ofOrder(app.platform.database.db, order.id))[0]!.reference!;
    const body = JSON.stringify({ id: `evt_${payment.id}`, type: 'payment.refunded', reference, amount: 500 });
    const signed = {
      'content-type': 'application/json',
      'marketgate-signature': signWebhook('whsec_test_0123456789', body, clock.now()),
    };
    const first = await app.inject({
      method: 'POST',
      url: '/api/store/payments/webhooks/test',
      payload: body,
      headers: signed,
    });
    expect(first.json()).toEqual({ received: true, duplicate: false });
    const again = await app.inject({
      method: 'POST',
      url: '/api/store/payments/webhooks/test',
      payload: body,
      headers: signed,
    });
    expect(again.json()).toEqual({ received: true, duplicate: true });
    expect((await app.inject({ method: 'GET', url: `/api/admin/orders/${order.id}` })).json().totals.refunded).toBe(
      500,
    );
    const forged = await app.inject({
      method: 'POST',
      url: '/api/store/payments/webhooks/test',
      payload: body.replace('500', '5000'),
      headers: signed,
    });
    expect(forged.statusCode).toBe(401);

    // An event the order cannot take is refused, and refused again when delivered again: not
    // marked handled, so it is never dropped as a duplicate.
    const tooMuch = JSON.stringify({
      id: `evt_big_${payment.id}`,
      type: 'payment.refunded',
      reference,
      amount: 10 ** 9,
    });
    const deliver = () =>
      app.inject({
        method: 'POST',
        url: '/api/store/payments/webhooks/test',
        payload: tooMuch,
        headers: { ...signed, 'marketgate-signature': signWebhook('whsec_test_0123456789', tooMuch, clock.now()) },
      });
    expect((await deliver()).statusCode).toBe(409);
    const redelivered = await deliver();
    expect(redelivered.statusCode).toBe(409);
  });
});

describe('a rush on a variant with 5 units', () => {
  it('sells exactly 5 out of 50 concurrent checkouts', async () => {
    const sku = 'MIBAND-BLU';
    const stock = await available('US', sku);
    const carts = await Promise.all(Array.from({ length: 50 }, () => cartWith('US', sku)));
    expect(stock).toBe(5);
    const results = await Promise.all(
      carts.map((cart, i) =>
        post(`/api/store/carts/${cart}/checkout`, checkoutBody(`buyer${i}@example.com`), anonymous),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(codes.filter((c) => c === 409)).toHaveLength(45);
    expect(await available('US', sku)).toBe(0);
  });
});
