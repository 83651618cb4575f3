import { describe, expect, it } from 'vitest';
import { actionName, targetOf } from './action.js';

describe('audit action names', () => {
  it.each([
    ['POST', '/api/admin/products', 'products.create'],
    ['PATCH', '/api/admin/products/:product/variants/:variant', 'products.variants.update'],
    ['PUT', '/api/admin/markets/:market/assortment/:product', 'markets.assortment.set'],
    ['DELETE', '/api/admin/tokens/:id', 'tokens.delete'],
    ['POST', '/api/auth/login', 'login.create'],
  ])('%s %s is %s', (method, url, name) => {
    expect(actionName(method, url)).toBe(name);
  });
});

describe('audit targets', () => {
  it('names the record from the route parameters', () => {
    expect(targetOf({ product: 'mi-4', variant: 'MI4-BLK' }, undefined)).toBe('product=mi-4 variant=MI4-BLK');
  });

  it('names a created record by the id the server gave it', () => {
    expect(targetOf({}, { id: 'abc', slug: 'x' })).toBe('id=abc');
    expect(targetOf({}, { code: 'US' })).toBe('code=US');
    expect(targetOf({}, undefined)).toBeNull();
  });
});
