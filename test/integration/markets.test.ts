import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usMarket } from '../fixtures/catalog.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false, listen: false });
});
afterAll(() => t.close());

function inject(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return t.inject({ method, url, ...(payload ? { payload } : {}) });
}

describe('markets admin API', () => {
  it('creates a market and shows it on the store API without its internal fields', async () => {
    const res = await inject('POST', '/api/admin/markets', usMarket);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject(usMarket);

    const store = (await inject('GET', '/api/store/markets')).json();
    expect(store.markets).toEqual([
      { code: 'US', name: 'United States', countries: ['US'], currency: 'USD', locale: 'en-US', taxMode: 'exclusive' },
    ]);
  });

  it('answers 409 for a market code that exists', async () => {
    const res = await inject('POST', '/api/admin/markets', { ...usMarket, code: 'us' });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([{ field: 'code', message: expect.any(String) }]);
  });

  it('refuses codes that are not ISO: country, currency, locale; and stores nothing', async () => {
    const res = await inject('POST', '/api/admin/markets', {
      ...usMarket,
      code: 'UK',
      countries: ['UK', 'GB'],
      currency: 'XYZ',
      locale: 'not a locale',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'countries.0', message: expect.stringContaining('"GB"') },
      { field: 'currency', message: expect.stringContaining('ISO 4217') },
      { field: 'locale', message: expect.stringContaining('BCP 47') },
    ]);
    expect((await inject('GET', '/api/admin/markets/UK')).statusCode).toBe(404);
  });

  it('names the allowed values of a bad tax mode', async () => {
    const res = await inject('POST', '/api/admin/markets', { ...usMarket, code: 'CA', taxMode: 'sometimes' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'taxMode', message: 'must be one of: "inclusive", "exclusive"' }]);
  });

  it('changes a market and keeps its code', async () => {
    const res = await inject('PATCH', '/api/admin/markets/us', { name: 'USA', allowedRegions: ['us-east'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'US', name: 'USA', allowedRegions: ['us-east'] });
    expect((await inject('PATCH', '/api/admin/markets/US', { code: 'XX' })).statusCode).toBe(400);
  });

  it('shows a changed market on the store API at once, though markets are kept in memory', async () => {
    const before = (await inject('GET', '/api/store/markets')).json().markets;
    expect(before).toEqual([expect.objectContaining({ code: 'US', name: 'USA' })]);
    expect((await inject('PATCH', '/api/admin/markets/US', { name: 'United States' })).statusCode).toBe(200);
    expect((await inject('GET', '/api/store/markets')).json().markets).toEqual([
      expect.objectContaining({ code: 'US', name: 'United States' }),
    ]);
  });

  it('deletes a market', async () => {
    expect((await inject('DELETE', '/api/admin/markets/US')).statusCode).toBe(204);
    expect((await inject('GET', '/api/admin/markets/US')).statusCode).toBe(404);
    expect((await inject('GET', '/api/store/markets')).json().markets).toEqual([]);
    expect((await inject('POST', '/api/store/markets/US/carts', {})).statusCode).toBe(404);
  });
});

describe('markets that other records refer to (demo scenario)', () => {
  let demo: TestApp;
  beforeAll(async () => {
    demo = await startTestApp({ listen: false });
  });
  afterAll(() => demo.close());

  const as = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    demo.inject({ method, url, ...(payload ? { payload } : {}) });

  it('refuses to delete a market its flash sales or orders refer to, saying which, and deletes nothing', async () => {
    // The demo's launch sale is in the US.
    const withSale = await as('DELETE', '/api/admin/markets/US');
    expect(withSale.statusCode, withSale.body).toBe(409);
    expect(withSale.headers['content-type']).toContain('application/problem+json');
    expect(withSale.json().detail).toContain('Market "US" cannot be deleted: it has flash sales');

    const cart = (await as('POST', '/api/store/markets/CN/carts', {})).json();
    const added = await as('POST', `/api/store/carts/${cart.id}/items`, { sku: 'MIPB10K-SLV', quantity: 1 });
    expect(added.statusCode, added.body).toBe(200);
    const order = await as('POST', `/api/store/carts/${cart.id}/checkout`, {
      email: 'li@example.com',
      shippingAddress: {
        name: 'Li Wei',
        line1: '1 Chang An Avenue',
        city: 'Beijing',
        postalCode: '100000',
        country: 'CN',
      },
      shippingMethod: 'standard',
    });
    expect(order.statusCode, order.body).toBe(201);
    const withOrders = await as('DELETE', '/api/admin/markets/cn');
    expect(withOrders.statusCode, withOrders.body).toBe(409);
    expect(withOrders.json().detail).toContain('Market "CN" cannot be deleted: it has orders');
    expect((await as('GET', '/api/admin/markets/CN')).statusCode).toBe(200);
    expect((await as('GET', '/api/admin/prices?market=CN')).json().prices.length).toBeGreaterThan(0);
  });

  it('refuses to change the currency of a market that has prices in its own, naming currency and how many', async () => {
    const prices = (await as('GET', '/api/admin/prices?market=US')).json().prices as Array<{ currency: string }>;
    const inDollars = prices.filter((p) => p.currency === 'USD').length;
    expect(inDollars).toBeGreaterThan(0);

    const res = await as('PATCH', '/api/admin/markets/US', { currency: 'EUR' });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().errors).toEqual([
      { field: 'currency', message: expect.stringContaining(`US has ${inDollars} prices in USD`) },
    ]);
    // The shipping methods charge in dollars too, and the demo's flash sale sells in them.
    expect(res.json().errors[0].message).toMatch(
      / prices in USD, \d+ shipping methods charging in USD, and 1 flash sale not yet ended, priced in USD, /,
    );
    expect(res.json().errors[0].message).toContain('remove them (or let the sales end) first');
    expect((await as('GET', '/api/admin/markets/US')).json().currency).toBe('USD');
  });

  it('lets a market with no prices change its currency, and deletes a market nothing refers to', async () => {
    const created = await as('POST', '/api/admin/markets', {
      ...usMarket,
      code: 'MX',
      name: 'Mexico',
      countries: ['MX'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const changed = await as('PATCH', '/api/admin/markets/MX', { currency: 'MXN', locale: 'es-MX' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ currency: 'MXN' });
    expect((await as('DELETE', '/api/admin/markets/MX')).statusCode).toBe(204);
  });
});
