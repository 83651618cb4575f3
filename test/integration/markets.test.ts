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
