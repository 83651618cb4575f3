import { describe, expect, it } from 'vitest';
import { lineAmount, totals } from './totals.js';

describe('cart totals', () => {
  it('adds tax on top where prices exclude it', () => {
    const quote = {
      currency: 'USD',
      pricesIncludeTax: false,
      lines: [],
      shippingTax: 0,
      totalTax: 218,
      rates: [{ jurisdiction: 'US-CA', name: 'sales tax', rate: 72_500, label: 'CA sales tax 7.25%', amount: 218 }],
    };
    expect(totals([2_999], { shipping: 500, quote, taxIncluded: false })).toMatchObject({
      subtotal: 2_999,
      shipping: 500,
      tax: 218,
      total: 3_717,
    });
  });

  it('shows the tax inside the total where prices include it', () => {
    const quote = { currency: 'EUR', pricesIncludeTax: true, lines: [], shippingTax: 0, totalTax: 500, rates: [] };
    expect(totals([2_999], { shipping: 0, quote, taxIncluded: true })).toMatchObject({
      tax: 500,
      total: 2_999,
      taxIncluded: true,
    });
  });

  it('leaves tax and shipping open until they are known', () => {
    expect(totals([1_000, 2_000], { shipping: null, quote: null, taxIncluded: false })).toMatchObject({
      subtotal: 3_000,
      shipping: null,
      tax: null,
      total: 3_000,
    });
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => lineAmount(19.99, 1)).toThrow(RangeError);
    expect(() => lineAmount(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
    expect(lineAmount(4_480, 3)).toBe(13_440);
  });
});
