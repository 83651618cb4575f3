import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

// Shipping methods per market: what shoppers may choose, and how staff set them.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ listen: false });
});
afterAll(() => t.close());

const storeMethods = async (market: string) => {
  const res = await t.inject({ method: 'GET', url: `/api/store/markets/${market}/shipping-methods` });
  return { status: res.statusCode, body: res.json() };
};
const put = (market: string, code: string, payload: object) =>
  t.inject({ method: 'PUT', url: `/api/admin/markets/${market}/shipping-methods/${code}`, payload });

describe('GET /api/store/markets/:market/shipping-methods', () => {
  it('lists the US methods, cheapest first, with their charges and free-shipping threshold formatted', async () => {
    const { status, body } = await storeMethods('us');
    expect(status).toBe(200);
    expect(body).toEqual({
      market: 'US',
      methods: [
        {
          code: 'standard',
          name: 'Standard delivery',
          amount: 599,
          currency: 'USD',
          formatted: '$5.99',
          freeAbove: 3500,
          freeAboveFormatted: '$35.00',
          minDays: 3,
          maxDays: 7,
        },
        {
          code: 'express',
          name: 'Express delivery',
          amount: 1499,
          currency: 'USD',
          formatted: '$14.99',
          freeAbove: null,
          freeAboveFormatted: null,
          minDays: 1,
          maxDays: 2,
        },
      ],
    });
  });

  it('charges yen without decimals in Japan', async () => {
    const { body } = await storeMethods('JP');
    expect(body.methods.map((m: { formatted: string }) => m.formatted)).toEqual(['￥550', '￥990']);
    expect(body.methods[0].freeAboveFormatted).toBe('￥3,980');
  });

  it('answers 404 problem+json for an unknown market', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/store/markets/XX/shipping-methods' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('is listed in the OpenAPI document under its stable path', async () => {
    const paths = (await t.inject({ method: 'GET', url: '/openapi.json' })).json().paths;
    expect(paths['/api/store/markets/{market}/shipping-methods'].get.security).toBeUndefined();
  });
});

describe('staff set shipping methods', () => {
  it('adds a method, which shoppers see at once, and hides it when inactive', async () => {
    const res = await put('UK', 'click-and-collect', {
      name: 'Collect from a locker',
      amount: '1.99',
      freeAbove: '20',
      minDays: 2,
      maxDays: 3,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      market: 'UK',
      code: 'click-and-collect',
      currency: 'GBP',
      amount: 199,
      decimal: '1.99',
      formatted: '£1.99',
      freeAbove: 2000,
      freeAboveDecimal: '20.00',
      active: true,
    });
    expect((await storeMethods('UK')).body.methods.map((m: { code: string }) => m.code)).toEqual([
      'click-and-collect',
      'standard',
      'express',
    ]);

    await put('UK', 'click-and-collect', { name: 'Collect from a locker', amount: '1.99', active: false });
    expect((await storeMethods('UK')).body.methods.map((m: { code: string }) => m.code)).not.toContain(
      'click-and-collect',
    );
    const admin = (await t.inject({ method: 'GET', url: '/api/admin/markets/uk/shipping-methods' })).json();
    expect(admin.methods.find((m: { code: string }) => m.code === 'click-and-collect')).toMatchObject({
      active: false,
      freeAbove: null,
    });

    const del = await t.inject({ method: 'DELETE', url: '/api/admin/markets/UK/shipping-methods/click-and-collect' });
    expect(del.statusCode).toBe(204);
    const again = await t.inject({ method: 'DELETE', url: '/api/admin/markets/UK/shipping-methods/click-and-collect' });
    expect(again.statusCode).toBe(404);
  });

  it('refuses amounts with more decimals than the currency has, and a maximum below the minimum, naming each field', async () => {
    const res = await put('JP', 'standard', {
      name: 'Standard',
      amount: '550.5',
      freeAbove: '3980.1',
      minDays: 3,
      maxDays: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'amount', message: 'JPY has no minor unit: "550.5" must be a whole number' },
      { field: 'freeAbove', message: 'JPY has no minor unit: "3980.1" must be a whole number' },
      { field: 'maxDays', message: 'must be at least minDays (3)' },
    ]);
  });

  it('refuses a code that is not kebab-case and an unknown market', async () => {
    expect((await put('US', 'Next_Day', { name: 'x', amount: '1' })).statusCode).toBe(400);
    expect((await put('XX', 'standard', { name: 'x', amount: '1' })).statusCode).toBe(404);
  });

  it('gives the methods to checkout through the service', async () => {
    const methods = await t.platform.services.shipping.methodsFor('ca');
    expect(methods.map((m) => [m.code, m.currency, m.amount, m.freeAbove])).toEqual([
      ['standard', 'CAD', 999, 5000],
      ['express', 'CAD', 1999, null],
    ]);
    expect(await t.platform.services.shipping.method('CA', 'teleport')).toBeUndefined();
  });
});
