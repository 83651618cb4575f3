import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bandInput, bandProfile } from '../fixtures/catalog.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ seed: false, listen: false });
  const created = await t.inject({
    method: 'POST',
    url: '/api/admin/categories',
    payload: { code: 'fitness-band', name: 'Fitness bands' },
  });
  expect(created.statusCode).toBe(201);
});
afterAll(() => t.close());

function inject(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return t.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
}

async function productCount(): Promise<number> {
  return (await inject('GET', '/api/admin/products')).json().products.length;
}

describe('catalog admin API', () => {
  it('creates a product with its variants and reads it back by id and by slug', async () => {
    const res = await inject('POST', '/api/admin/products', bandInput());
    expect(res.statusCode).toBe(201);
    const product = res.json();
    expect(product).toMatchObject({
      slug: 'test-band',
      category: 'fitness-band',
      requiredServices: ['account', 'sync'],
    });
    expect(product.deviceProfile).toEqual(bandProfile);
    expect(product.variants).toMatchObject([{ sku: 'TB-BLK', name: 'Black', attributes: { colour: 'Black' } }]);

    expect((await inject('GET', `/api/admin/products/${product.id}`)).json().slug).toBe('test-band');
    expect((await inject('GET', '/api/admin/products/test-band')).json().id).toBe(product.id);
  });

  it('answers 409 for a duplicate slug and stores nothing', async () => {
    const before = await productCount();
    const res = await inject('POST', '/api/admin/products', bandInput({ variants: [{ sku: 'OTHER-1', name: 'x' }] }));
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 409, errors: [{ field: 'slug' }] });
    expect(await productCount()).toBe(before);
  });

  it('answers 409 for a duplicate SKU and leaves no half-created product behind', async () => {
    const before = await productCount();
    const res = await inject('POST', '/api/admin/products', bandInput({ slug: 'another-band' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('TB-BLK');
    expect(await productCount()).toBe(before);
    expect((await inject('GET', '/api/admin/products/another-band')).statusCode).toBe(404);
  });

  it('answers 400 naming the field for an unknown category', async () => {
    const res = await inject('POST', '/api/admin/products', bandInput({ slug: 'x-1', category: 'hoverboard' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'category', message: expect.stringContaining('unknown category') }]);
  });

  it('answers 400 naming each malformed field of the device profile', async () => {
    const res = await inject(
      'POST',
      '/api/admin/products',
      bandInput({
        slug: 'x-2',
        deviceProfile: {
          ...bandProfile,
          radios: ['bluetooth', 'laser'],
          battery: { chemistry: 'li-ion', wattHours: -1 },
        },
      }),
    );
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toContain('deviceProfile.radios.1');
    expect(fields).toContain('deviceProfile.battery.wattHours');
    expect(fields).toContain('deviceProfile.battery.userRemovable');
  });

  it('answers 400 for a missing profile field and an unknown one', async () => {
    const { toy: _toy, ...withoutToy } = bandProfile;
    const res = await inject(
      'POST',
      '/api/admin/products',
      bandInput({ slug: 'x-3', deviceProfile: { ...withoutToy, colour: 'red' } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        { field: 'deviceProfile.toy', message: 'is required' },
        { field: 'deviceProfile.colour', message: 'is not a known field' },
      ]),
    );
  });

  it('refuses a profile that contradicts itself', async () => {
    const res = await inject(
      'POST',
      '/api/admin/products',
      bandInput({ slug: 'x-4', deviceProfile: { ...bandProfile, electronic: false } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('deviceProfile.radios');
  });

  it('refuses a profile category that is not the product category', async () => {
    const res = await inject(
      'POST',
      '/api/admin/products',
      bandInput({ slug: 'x-5', deviceProfile: { ...bandProfile, category: 'smartphone' } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('deviceProfile.category');
  });

  it('answers 400 for malformed JSON and for a wrong SKU format', async () => {
    const malformed = await t.inject({
      method: 'POST',
      url: '/api/admin/products',
      headers: { 'content-type': 'application/json', ...(await t.tokenFor('merchandiser')) },
      payload: '{"slug": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');

    const sku = await inject(
      'POST',
      '/api/admin/products',
      bandInput({ slug: 'x-6', variants: [{ sku: 'lower case', name: 'x' }] }),
    );
    expect(sku.statusCode).toBe(400);
    expect(sku.json().errors[0].field).toBe('variants.0.sku');
  });

  it('updates fields, keeps the profile category in step with the product category', async () => {
    await inject('POST', '/api/admin/categories', { code: 'wearable', name: 'Wearables' });
    const res = await inject('PATCH', '/api/admin/products/test-band', { name: 'Test Band 2', category: 'wearable' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Test Band 2',
      category: 'wearable',
      deviceProfile: { category: 'wearable' },
    });
  });

  it('adds, changes and deletes variants, but never the last one', async () => {
    const added = await inject('POST', '/api/admin/products/test-band/variants', { sku: 'TB-PNK', name: 'Pink' });
    expect(added.statusCode).toBe(201);
    expect(added.json().variants.map((v: { sku: string }) => v.sku)).toEqual(['TB-BLK', 'TB-PNK']);

    const renamed = await inject('PATCH', '/api/admin/products/test-band/variants/TB-PNK', { name: 'Rose' });
    expect(renamed.json().variants[1].name).toBe('Rose');

    expect((await inject('DELETE', '/api/admin/products/test-band/variants/TB-PNK')).statusCode).toBe(200);
    expect((await inject('DELETE', '/api/admin/products/test-band/variants/TB-BLK')).statusCode).toBe(409);
  });

  it('deletes a product and answers 404 afterwards', async () => {
    expect((await inject('DELETE', '/api/admin/products/test-band')).statusCode).toBe(204);
    const gone = await inject('GET', '/api/admin/products/test-band');
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('refuses to delete a category that products still use', async () => {
    await inject(
      'POST',
      '/api/admin/products',
      bandInput({ slug: 'keeps-category', variants: [{ sku: 'KC-1', name: 'x' }] }),
    );
    expect((await inject('DELETE', '/api/admin/categories/fitness-band')).statusCode).toBe(409);
  });
});
