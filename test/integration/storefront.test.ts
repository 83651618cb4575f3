import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

// The demo launch scenario as a shopper sees it through the store API.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ listen: false });
});
afterAll(() => t.close());

async function get(url: string) {
  const res = await t.inject({ method: 'GET', url });
  return { status: res.statusCode, type: res.headers['content-type'], body: res.json() };
}

const slugs = (body: { products: Array<{ slug: string }> }) => body.products.map((p) => p.slug).sort();

describe('store API on the demo launch scenario', () => {
  it('lists the markets the brand sells in', async () => {
    const { body } = await get('/api/store/markets');
    expect(body.markets.map((m: { code: string }) => m.code)).toEqual(
      expect.arrayContaining(['US', 'EU', 'UK', 'IN', 'CN']),
    );
  });

  it('lists exactly the US assortment: accessories, not the phone or the tablet', async () => {
    const { status, body } = await get('/api/store/markets/US/products');
    expect(status).toBe(200);
    expect(slugs(body)).toEqual([
      'mi-band',
      'mi-bluetooth-earphones',
      'mi-bunny-plush',
      'mi-in-ear-headphones',
      'mi-power-bank-10000',
      'mi-power-bank-20000',
    ]);
    expect(body.market).toMatchObject({ code: 'US', currency: 'USD', locale: 'en-US' });
    expect(body.products[0].variants.length).toBeGreaterThan(0);
  });

  it('lists the phone and the tablet in China and India', async () => {
    for (const market of ['CN', 'IN']) {
      const { body } = await get(`/api/store/markets/${market}/products`);
      expect(slugs(body)).toEqual(expect.arrayContaining(['mi-4', 'mi-pad']));
    }
  });

  it('takes the market code in any case', async () => {
    expect(slugs((await get('/api/store/markets/us/products')).body)).toEqual(
      slugs((await get('/api/store/markets/US/products')).body),
    );
  });

  it('answers 404 problem+json for an unknown market', async () => {
    const res = await get('/api/store/markets/XX/products');
    expect(res.status).toBe(404);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, title: 'Not found', detail: expect.stringContaining('XX') });
  });

  it('shows the phone page in the US as not available, and why in words for shoppers, not internal reasons', async () => {
    const { status, body } = await get('/api/store/markets/US/products/mi-4');
    expect(status).toBe(200);
    expect(body.product.name).toBe('Mi 4');
    expect(body.availability).toEqual({
      sellable: false,
      message: 'Not available in United States',
      reason:
        'Mi 4 cannot be bought in United States: it is not part of this market’s range; ' +
        'it is not yet certified for sale here; the services it needs are not yet available here',
    });
  });

  it('shows the power bank as available in the US', async () => {
    const { body } = await get('/api/store/markets/US/products/mi-power-bank-10000');
    expect(body.availability).toEqual({ sellable: true, message: 'Available in United States', reason: null });
  });

  it('answers 404 for an unknown product, and for a product id in place of a slug', async () => {
    expect((await get('/api/store/markets/US/products/no-such-thing')).status).toBe(404);
    const { id } = (await get('/api/admin/products/mi-4')).body;
    expect((await get(`/api/store/markets/US/products/${id}`)).status).toBe(404);
  });

  it('drops a product from the listing as soon as it is unlisted, and shows it again when listed', async () => {
    const del = await t.inject({ method: 'DELETE', url: '/api/admin/markets/US/assortment/mi-power-bank-10000' });
    expect(del.statusCode).toBe(204);
    expect(slugs((await get('/api/store/markets/US/products')).body)).not.toContain('mi-power-bank-10000');

    const put = await t.inject({ method: 'PUT', url: '/api/admin/markets/US/assortment/mi-power-bank-10000' });
    expect(put.statusCode).toBe(200);
    expect(slugs((await get('/api/store/markets/US/products')).body)).toContain('mi-power-bank-10000');
  });

  it('keeps the phone out of the US listing even when listed: the law and the cloud still say no', async () => {
    await t.inject({ method: 'PUT', url: '/api/admin/markets/US/assortment/mi-4' });
    expect(slugs((await get('/api/store/markets/US/products')).body)).not.toContain('mi-4');
    await t.inject({ method: 'DELETE', url: '/api/admin/markets/US/assortment/mi-4' });
  });

  it('shows a renamed product under its new name at once', async () => {
    await get('/api/store/markets/US/products'); // warm the cache
    await t.inject({
      method: 'PATCH',
      url: '/api/admin/products/mi-band',
      payload: { name: 'Mi Band 2' },
    });
    const names = (await get('/api/store/markets/US/products')).body.products.map((p: { name: string }) => p.name);
    expect(names).toContain('Mi Band 2');
  });

  it('reports the assortment of a market to staff', async () => {
    const { body } = await get('/api/admin/markets/us/assortment');
    expect(body.market).toBe('US');
    expect(body.listings.map((l: { slug: string }) => l.slug)).toContain('mi-power-bank-10000');
  });

  it('answers 404 when unlisting a product that is not listed', async () => {
    const res = await t.inject({ method: 'DELETE', url: '/api/admin/markets/US/assortment/mi-pad' });
    expect(res.statusCode).toBe(404);
  });
});

describe('operations endpoints', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await get('/readyz')).body).toEqual({ status: 'ready' });
  });

  it('publishes an OpenAPI document with the stable paths', async () => {
    const { body } = await get('/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/store/markets',
        '/api/store/markets/{market}/products',
        '/api/store/markets/{market}/products/{slug}',
        '/api/admin/products',
      ]),
    );
    expect(body.paths['/api/admin/products'].get.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    expect(body.paths['/api/admin/products'].get.description).toContain('catalog:read');
    expect(body.paths['/api/store/markets'].get.security).toBeUndefined();
  });

  it('answers unknown API routes with 404 problem+json', async () => {
    const res = await get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.type).toContain('application/problem+json');
  });

  it('echoes a request id for tracing', async () => {
    const res = await t.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(res.headers['x-request-id']).toBe('trace-123');
  });
});
