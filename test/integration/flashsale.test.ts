import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { manualClock } from '../../src/platform/clock.js';
import { DEMO_DAY, startTestApp, type TestApp } from '../support/app.js';

// Flash sales over HTTP on the demo scenario: staff create a sale of the power bank in the US,
// buyers register, verify and buy; the refusals each say why, as problem+json.

const clock = manualClock(DEMO_DAY);
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ listen: true, clock });
});
afterAll(() => app.close());

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(new Date(DEMO_DAY).getTime() + h * HOUR).toISOString();
const POWER_BANK = 'MIPB10K-SLV';

const terms = (more: object = {}) => ({
  market: 'US',
  sku: POWER_BANK,
  price: 999,
  quantity: 3,
  startsAt: inHours(1),
  endsAt: inHours(2),
  perCustomerLimit: 1,
  registrationRequired: false,
  paymentWindowSeconds: 600,
  ...more,
});

const create = (payload: object) => app.inject({ method: 'POST', url: '/api/admin/flash-sales', payload });
const purchase = (id: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/api/store/flash-sales/${id}/purchase`, payload, headers });
const onHand = async () =>
  (await app.inject({ method: 'GET', url: `/api/admin/inventory/us-nj/${POWER_BANK}` })).json().onHand as number;

describe('flash sales', () => {
  it('refuses bad terms, naming each field', async () => {
    const res = await create(terms({ endsAt: inHours(0.5), sku: 'NO-SUCH-SKU', paymentWindowSeconds: 5 }));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['endsAt', 'sku', 'paymentWindowSeconds']));

    const tooMany = await create(terms({ quantity: 100_000 }));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0]).toMatchObject({ field: 'quantity' });
  });

  it('sets the units aside, refuses before the start, admits, limits, sells out and gives expired holds back', async () => {
    clock.set(DEMO_DAY);
    const before = await onHand();
    const created = await create(terms());
    expect(created.statusCode, created.body).toBe(201);
    const sale = created.json();
    expect(sale).toMatchObject({ state: 'scheduled', remaining: 3, price: { formatted: '$9.99' } });
    expect(await onHand()).toBe(before - 3);

    const early = await purchase(sale.id, { email: 'ana@example.com' });
    expect(early.statusCode).toBe(425);
    expect(early.headers['retry-after']).toBe('3600');
    expect(early.json().type).toContain('sale-not-started');

    clock.set(inHours(1));
    const first = await purchase(sale.id, { email: 'Ana@Example.com' }, { 'idempotency-key': 'ana-1' });
    expect(first.statusCode, first.body).toBe(201);
    const retry = await purchase(sale.id, { email: 'ana@example.com' }, { 'idempotency-key': 'ana-1' });
    expect(retry.json().id).toBe(first.json().id);
    const again = await purchase(sale.id, { email: 'ana@example.com' });
    expect(again.statusCode).toBe(429);
    expect(again.json().type).toContain('purchase-limit-reached');

    expect((await purchase(sale.id, { email: 'bo@example.com' })).statusCode).toBe(201);
    expect((await purchase(sale.id, { email: 'cy@example.com' })).statusCode).toBe(201);
    const late = await purchase(sale.id, { email: 'di@example.com' });
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toContain('sold-out');
    // Sold out: refused from memory now, except a retry of an admitted attempt, which never
    // learnt its answer and gets its admission again.
    await vi.waitFor(async () => {
      const again = await purchase(sale.id, { email: 'ana@example.com' }, { 'idempotency-key': 'ana-1' });
      expect(again.statusCode, again.body).toBe(201);
      expect(again.json().id).toBe(first.json().id);
    });
    for (const [email, key] of [
      ['ana@example.com', 'ana-2'],
      ['di@example.com', 'ana-1'],
    ]) {
      const refused = await purchase(sale.id, { email }, { 'idempotency-key': key! });
      expect(refused.statusCode).toBe(409);
    }
    const routed = await purchase(sale.id, { email: 'fe@example.com' });
    // Over a socket, refused before Fastify routes it, let alone reads the body: the answer would
    // be the same whatever it said (the route would answer 400 to this one), and it is the route's
    // answer, header for header.
    const unrouted = await fetch(`${app.url}/api/store/flash-sales/${sale.id}/purchase`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'early-1' },
      body: '{"mail": not even JSON',
    });
    expect(unrouted.status).toBe(409);
    expect(await unrouted.json()).toEqual(routed.json());
    expect(routed.json()).toMatchObject({ title: 'Sold out', instance: `/api/store/flash-sales/${sale.id}/purchase` });
    expect(unrouted.headers.get('x-request-id')).toBe('early-1');
    // All but the per-request and per-connection ones, which a socket and inject() give differently.
    const headerNames = (names: Iterable<string>) =>
      [...names].filter((n) => !['date', 'connection', 'keep-alive', 'x-request-id'].includes(n)).sort();
    expect(headerNames(unrouted.headers.keys())).toEqual(headerNames(Object.keys(routed.headers)));
    for (const name of headerNames(unrouted.headers.keys()))
      expect(unrouted.headers.get(name), name).toBe(String(routed.headers[name]));
    const remaining = await app.inject({
      method: 'GET',
      url: `/api/store/flash-sales/${sale.id}/remaining`,
      headers: {},
    });
    expect(remaining.json()).toEqual({ quantity: 3, remaining: 0, held: 3, sold: 0, state: 'sold-out' });

    // Nobody paid within the window: the units go back, and the sold-out answer with them.
    clock.set(inHours(1.2));
    expect(await app.platform.services.flashSales.expireHolds()).toBe(3);
    expect((await purchase(sale.id, { email: 'di@example.com' })).statusCode).toBe(201);

    // After the end, the units not sold go back to stock once no hold is left.
    clock.set(inHours(3));
    await app.platform.services.flashSales.expireHolds();
    expect(await app.platform.services.flashSales.closeEnded()).toBeGreaterThanOrEqual(1);
    expect(await onHand()).toBe(before);
    const ended = await purchase(sale.id, { email: 'ed@example.com' });
    expect(ended.statusCode).toBe(409);
    expect(ended.json().type).toContain('sale-ended');
  });

  it('admits only buyers who registered and opened the emailed link', async () => {
    clock.set(DEMO_DAY);
    const sale = (await create(terms({ registrationRequired: true }))).json();
    expect(sale.state).toBe('registration');
    const registered = await app.inject({
      method: 'POST',
      url: `/api/store/flash-sales/${sale.id}/registrations`,
      payload: { email: 'fay@example.com' },
      headers: {},
    });
    expect(registered.statusCode).toBe(202);
    const { messages } = (await app.inject({ method: 'GET', url: '/api/admin/outbox' })).json();
    const email = messages.find((m: { kind: string; to: string }) => m.kind === 'flash-sale-registration');
    expect(email.to).toBe('fay@example.com');
    const token = /registration=([\w-]+)/.exec(email.text)?.[1] ?? '';

    clock.set(inHours(1));
    const unverified = await purchase(sale.id, { email: 'fay@example.com', registrationToken: token });
    expect(unverified.statusCode).toBe(403);
    const verified = await app.inject({
      method: 'POST',
      url: `/api/store/flash-sales/${sale.id}/registrations/verify`,
      payload: { token },
      headers: {},
    });
    expect(verified.json()).toEqual({ email: 'fay@example.com', verified: true });
    expect((await purchase(sale.id, { email: 'fay@example.com' })).statusCode).toBe(403);
    expect((await purchase(sale.id, { email: 'fay@example.com', registrationToken: token })).statusCode).toBe(201);

    const closed = await app.inject({
      method: 'POST',
      url: `/api/store/flash-sales/${sale.id}/registrations`,
      payload: { email: 'gus@example.com' },
      headers: {},
    });
    expect(closed.statusCode).toBe(409);
  });

  it("keeps a verified buyer's place when anyone asks for the address's link again", async () => {
    clock.set(DEMO_DAY);
    const sale = (await create(terms({ registrationRequired: true }))).json();
    const register = (email: string) =>
      app.inject({
        method: 'POST',
        url: `/api/store/flash-sales/${sale.id}/registrations`,
        payload: { email },
        headers: {},
      });
    const verify = (token: string) =>
      app.inject({
        method: 'POST',
        url: `/api/store/flash-sales/${sale.id}/registrations/verify`,
        payload: { token },
        headers: {},
      });
    /** The token of the newest registration email to the address. */
    const latestToken = async (to: string) => {
      const { messages } = (await app.inject({ method: 'GET', url: '/api/admin/outbox' })).json();
      const email = messages.find(
        (m: { kind: string; to: string }) => m.kind === 'flash-sale-registration' && m.to === to,
      );
      return /registration=([\w-]+)/.exec(email.text)?.[1] ?? '';
    };

    for (const buyer of ['hal@example.com', 'ida@example.com']) {
      expect((await register(buyer)).statusCode).toBe(202);
      expect((await verify(await latestToken(buyer))).statusCode).toBe(200);
    }
    const hal = await latestToken('hal@example.com');
    const ida = await latestToken('ida@example.com');
    // Someone else asks for both addresses again: a new link goes to each mailbox.
    for (const buyer of ['hal@example.com', 'ida@example.com']) expect((await register(buyer)).statusCode).toBe(202);
    expect(await latestToken('hal@example.com')).not.toBe(hal);
    expect((await verify(hal)).statusCode).toBe(200); // the first link still works
    // Ida opens the new link: from then on it is her token, and the first one is spent.
    const idaNew = await latestToken('ida@example.com');
    expect((await verify(idaNew)).json()).toEqual({ email: 'ida@example.com', verified: true });

    clock.set(inHours(1));
    expect((await purchase(sale.id, { email: 'hal@example.com', registrationToken: hal })).statusCode).toBe(201);
    expect((await purchase(sale.id, { email: 'ida@example.com', registrationToken: ida })).statusCode).toBe(403);
    expect((await purchase(sale.id, { email: 'ida@example.com', registrationToken: idaNew })).statusCode).toBe(201);
  });

  it('lets every term change before the start, and only the end after it', async () => {
    clock.set(DEMO_DAY);
    const before = await onHand();
    const sale = (await create(terms())).json();
    const bigger = await app.inject({
      method: 'PATCH',
      url: `/api/admin/flash-sales/${sale.id}`,
      payload: { quantity: 5, price: 899 },
    });
    expect(bigger.json()).toMatchObject({ quantity: 5, remaining: 5, price: { amount: 899 } });
    expect(await onHand()).toBe(before - 5);

    clock.set(inHours(1.5));
    const price = await app.inject({
      method: 'PATCH',
      url: `/api/admin/flash-sales/${sale.id}`,
      payload: { price: 1 },
    });
    expect(price.statusCode).toBe(409);
    expect(price.json().errors).toEqual([{ field: 'price', message: 'cannot change once the sale has started' }]);
    const end = await app.inject({
      method: 'PATCH',
      url: `/api/admin/flash-sales/${sale.id}`,
      payload: { endsAt: inHours(1.5) },
    });
    expect(end.json().state).toBe('ended');
  });

  it('does not open a sale of a product the market may not sell', async () => {
    clock.set(DEMO_DAY);
    await app.inject({ method: 'PUT', url: '/api/admin/inventory/us-nj/MI4-16GB-BLK', payload: { onHand: 10 } });
    const phone = (await create(terms({ sku: 'MI4-16GB-BLK', quantity: 1 }))).json();
    clock.set(inHours(1));
    const refused = await purchase(phone.id, { email: 'hal@example.com' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ title: 'Not sellable in this market' });
    expect(refused.json().detail).toContain('Mi 4 cannot be bought in United States');
  });

  it('sells an admitted unit at the sale price through checkout and payment, and takes it back on cancel', async () => {
    clock.set(DEMO_DAY);
    const before = await onHand();
    const sale = (await create(terms({ quantity: 2, paymentWindowSeconds: 300 }))).json();
    clock.set(inHours(1));
    const admission = (await purchase(sale.id, { email: 'kim@example.com' })).json();
    const checkout = (payload: object, key: string) =>
      app.inject({
        method: 'POST',
        url: `/api/store/flash-sales/${sale.id}/admissions/${admission.id}/checkout`,
        payload,
        headers: { 'idempotency-key': key },
      });
    const address = {
      name: 'Kim Lee',
      line1: '1 Market St',
      city: 'San Francisco',
      region: 'CA',
      postalCode: '94105',
      country: 'US',
    };
    const bad = await checkout(
      { shippingAddress: { ...address, postalCode: 'nope' }, shippingMethod: 'standard' },
      'k0',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toContain('postalCode');

    const placed = await checkout({ shippingAddress: address, shippingMethod: 'standard' }, 'k1');
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json();
    expect(order).toMatchObject({ status: 'pending_payment', email: 'kim@example.com' });
    expect(order.lines).toEqual([expect.objectContaining({ sku: POWER_BANK, quantity: 1 })]);
    expect(order.lines[0].unitPrice).toBe(999);
    expect(order.holdUntil).toBe(admission.heldUntil);
    expect((await checkout({ shippingAddress: address, shippingMethod: 'standard' }, 'k1')).json().id).toBe(order.id);
    const twice = await checkout({ shippingAddress: address, shippingMethod: 'standard' }, 'k2');
    expect(twice.statusCode).toBe(409);

    const card = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' };
    const paid = await app.inject({
      method: 'POST',
      url: `/api/store/orders/${order.id}/payments`,
      payload: { provider: 'test', card },
      headers: {},
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json().status).toBe('paid');
    const counts = await app.inject({ method: 'GET', url: `/api/store/flash-sales/${sale.id}/remaining`, headers: {} });
    expect(counts.json()).toMatchObject({ quantity: 2, held: 0, sold: 1, remaining: 1 });
    // The unit came out of stock when the sale set it aside, not again when it was paid.
    expect(await onHand()).toBe(before - 2);

    const cancelled = await app.inject({ method: 'POST', url: `/api/admin/orders/${order.id}/cancel` });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await onHand()).toBe(before - 1);
  });

  it('refuses to take payment for a unit whose hold ran out', async () => {
    clock.set(DEMO_DAY);
    const sale = (await create(terms({ quantity: 1, paymentWindowSeconds: 60 }))).json();
    clock.set(inHours(1));
    const admission = (await purchase(sale.id, { email: 'lou@example.com' })).json();
    const address = {
      name: 'Lou Ng',
      line1: '1 Market St',
      city: 'San Francisco',
      region: 'CA',
      postalCode: '94105',
      country: 'US',
    };
    const order = (
      await app.inject({
        method: 'POST',
        url: `/api/store/flash-sales/${sale.id}/admissions/${admission.id}/checkout`,
        payload: { shippingAddress: address, shippingMethod: 'standard' },
        headers: {},
      })
    ).json();
    clock.set(new Date(new Date(admission.heldUntil).getTime() + 1000));
    const card = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' };
    const late = await app.inject({
      method: 'POST',
      url: `/api/store/orders/${order.id}/payments`,
      payload: { provider: 'test', card },
      headers: {},
    });
    expect(late.statusCode).toBe(409);
    await app.platform.services.flashSales.expireHolds();
    const counts = await app.inject({ method: 'GET', url: `/api/store/flash-sales/${sale.id}/remaining`, headers: {} });
    expect(counts.json()).toMatchObject({ held: 0, sold: 0, remaining: 1 });
  });

  it("rate-limits one buyer's attempts that reach the engine, not the refusals answered from memory", async () => {
    clock.set(DEMO_DAY);
    const sale = (await create(terms())).json();
    // Before the start every answer comes from memory, and none counts.
    for (let i = 0; i < 12; i++) expect((await purchase(sale.id, { email: 'ivy@example.com' })).statusCode).toBe(425);
    clock.set(inHours(1));
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await purchase(sale.id, { email: 'ivy@example.com' }));
    expect(answers[0]!.statusCode).toBe(201);
    expect(answers.slice(1, 10).every((a) => a.json().type.endsWith('purchase-limit-reached'))).toBe(true);
    expect(answers[10]!.statusCode).toBe(429);
    expect(answers[10]!.json().type).toMatch(/too-many-requests$/);
    expect(answers[10]!.headers['retry-after']).toBe('10');
    // Another buyer is not held back by Ivy.
    expect((await purchase(sale.id, { email: 'jo@example.com' })).statusCode).toBe(201);
  });

  it("reads the readiness verdict once for a rush's first attempts, however many arrive together", async () => {
    clock.set(DEMO_DAY);
    const sale = (await create(terms({ quantity: 5 }))).json();
    clock.set(inHours(1));
    // Verdicts are kept per market and product, and an earlier test's sale of the power bank
    // read this one: a certificate change (as staff would make) drops it.
    await app.platform.changes.publish('certificates');
    const readiness = app.platform.services.readiness;
    const original = readiness.evaluate.bind(readiness);
    // A verdict that takes a while to read, as on a busy database: the attempts arrive meanwhile.
    const evaluate = vi
      .spyOn(readiness, 'evaluate')
      .mockImplementation(async (...args) =>
        new Promise((resolve) => setTimeout(resolve, 200)).then(() => original(...args)),
      );
    try {
      // Over sockets, so that they are in flight together.
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          fetch(`${app.url}/api/store/flash-sales/${sale.id}/purchase`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: `rush-${i}@example.com` }),
          }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 201, 201, 409, 409, 409]);
      expect(evaluate).toHaveBeenCalledTimes(1);
    } finally {
      evaluate.mockRestore();
    }
  });

  it('answers 503 with Retry-After, admitting nobody, while the engine is out of reach', async () => {
    clock.set(DEMO_DAY);
    const sale = (await create(terms())).json();
    clock.set(inHours(1));
    // Fault injection: the engine's store fails as an unreachable Redis or database would.
    const engine = (app.platform.services.flashSales as unknown as { engine: { admit: () => Promise<never> } }).engine;
    const admit = engine.admit;
    engine.admit = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    try {
      const refused = await purchase(sale.id, { email: 'max@example.com' });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.json().detail).not.toContain('ECONNREFUSED');
    } finally {
      engine.admit = admit;
    }
    expect((await purchase(sale.id, { email: 'max@example.com' })).statusCode).toBe(201);
  });

  it("lists a market's sales that have not ended, for the storefront to announce", async () => {
    clock.set(DEMO_DAY);
    const upcoming = (await create(terms({ startsAt: inHours(5), endsAt: inHours(6) }))).json();
    const listed = async (market: string) =>
      app.inject({ method: 'GET', url: `/api/store/markets/${market}/flash-sales`, headers: {} });
    const now = (await listed('us')).json().sales.map((s: { id: string }) => s.id);
    expect(now).toContain(upcoming.id);
    clock.set(inHours(6));
    expect((await listed('US')).json().sales.map((s: { id: string }) => s.id)).not.toContain(upcoming.id);
    expect((await listed('EU')).json().sales).toEqual([]);
    expect((await listed('XX')).statusCode).toBe(404);
  });

  it("sets units aside only at a location that exists and serves the sale's market", async () => {
    clock.set(DEMO_DAY);
    const unknown = await create(terms({ location: 'nope' }));
    expect(unknown.statusCode, unknown.body).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json().errors).toEqual([
      { field: 'location', message: expect.stringContaining('unknown stock location "nope"') },
    ]);

    const euStock = async () =>
      (await app.inject({ method: 'GET', url: `/api/admin/inventory/eu-nl/${POWER_BANK}` })).json().onHand as number;
    const before = await euStock();
    const elsewhere = await create(terms({ location: 'eu-nl' }));
    expect(elsewhere.statusCode, elsewhere.body).toBe(400);
    expect(elsewhere.json().errors).toEqual([
      { field: 'location', message: expect.stringContaining('stock location "eu-nl" does not serve US') },
    ]);
    expect(await euStock()).toBe(before);

    const named = await create(terms({ market: 'us', location: 'us-nj', quantity: 1 }));
    expect(named.statusCode, named.body).toBe(201);
    expect(named.json().location).toBe('us-nj');
  });

  it('sets no more units aside at a location that has stopped serving the market', async () => {
    clock.set(DEMO_DAY);
    const sale = (await create(terms({ location: 'us-nj' }))).json();
    const serve = (markets: string[]) =>
      app.inject({ method: 'PATCH', url: '/api/admin/locations/us-nj', payload: { markets } });
    expect((await serve(['CA'])).statusCode).toBe(200);
    try {
      const edit = (quantity: number) =>
        app.inject({ method: 'PATCH', url: `/api/admin/flash-sales/${sale.id}`, payload: { quantity } });
      const more = await edit(5);
      expect(more.statusCode, more.body).toBe(409);
      expect(more.json().errors).toEqual([
        { field: 'quantity', message: expect.stringContaining('stock location "us-nj" does not serve US') },
      ]);
      // Giving units back takes nothing from the location, wherever it ships.
      expect((await edit(2)).json()).toMatchObject({ quantity: 2 });
    } finally {
      expect((await serve(['US', 'CA'])).statusCode).toBe(200);
    }
  });

  it('keeps a location that a sale set units aside from', async () => {
    clock.set(DEMO_DAY);
    const made = await app.inject({
      method: 'POST',
      url: '/api/admin/locations',
      payload: { code: 'us-popup', name: 'Launch pop-up', markets: ['US'] },
    });
    expect(made.statusCode, made.body).toBe(201);
    await app.inject({ method: 'PUT', url: `/api/admin/inventory/us-popup/${POWER_BANK}`, payload: { onHand: 3 } });
    expect((await create(terms({ location: 'us-popup', quantity: 3 }))).statusCode).toBe(201);
    // Its stock is all set aside, so only the sale keeps it: the units go back there at the end.
    const gone = await app.inject({ method: 'DELETE', url: '/api/admin/locations/us-popup' });
    expect(gone.statusCode, gone.body).toBe(409);
    expect(gone.json().detail).toBe('Stock location "us-popup" cannot be deleted: flash sales set units aside from it');
  });

  it('keeps staff routes to staff', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/admin/flash-sales', payload: terms(), headers: {} });
    expect(res.statusCode).toBe(401);
  });
});
