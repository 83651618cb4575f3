import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { includedTax, percentOf, sum } from '../pricing/index.js';
import { computeTax, type Jurisdiction } from './compute.js';

const germany: Jurisdiction = { code: 'DE', components: [{ name: 'VAT', rate: 190_000 }], shippingTaxable: true };
const california: Jurisdiction = {
  code: 'US-CA',
  components: [{ name: 'CA sales tax', rate: 72_500 }],
  shippingTaxable: false,
};
const newYork: Jurisdiction = {
  code: 'US-NY',
  components: [{ name: 'NY sales tax', rate: 40_000 }],
  shippingTaxable: true,
};
const oregon: Jurisdiction = { code: 'US-OR', components: [], shippingTaxable: true };
const quebec: Jurisdiction = {
  code: 'CA-QC',
  components: [
    { name: 'GST', rate: 50_000 },
    { name: 'QST', rate: 99_750 },
  ],
  shippingTaxable: true,
};

const line = (id: string, amount: number, quantity = 1) => ({ id, amount, quantity });

describe('inclusive: the tax is contained in the price', () => {
  it('takes 19% German VAT out of €29.99, and reports it as included', () => {
    const quote = computeTax(germany, 'inclusive', 'EUR', [line('MIPB10K-SLV', 2999)], 0);
    expect(quote).toEqual({
      currency: 'EUR',
      pricesIncludeTax: true,
      lines: [{ id: 'MIPB10K-SLV', tax: 479 }],
      shippingTax: 0,
      totalTax: 479,
      rates: [{ jurisdiction: 'DE', name: 'VAT', rate: 190_000, label: 'VAT 19% (included)', amount: 479 }],
    });
  });

  it('rounds per line: two lines of €0.05 each contain 1 cent of VAT, not the 2 cents of €0.10', () => {
    // 5 x 0.19 / 1.19 = 0.798 -> 1 cent per line; 10 x 0.19/1.19 = 1.597 -> 2 cents on the sum.
    const quote = computeTax(germany, 'inclusive', 'EUR', [line('a', 5), line('b', 5)], 0);
    expect(quote.lines).toEqual([
      { id: 'a', tax: 1 },
      { id: 'b', tax: 1 },
    ]);
    expect(quote.totalTax).toBe(2);
  });

  it('taxes shipping like the goods (VAT follows the principal supply)', () => {
    const quote = computeTax(germany, 'inclusive', 'EUR', [line('a', 2999)], 499);
    expect(quote.shippingTax).toBe(includedTax(499, 190_000));
    expect(quote.totalTax).toBe(479 + 80);
  });

  it('splits the contained tax between several rates in proportion to them, to the cent', () => {
    const quote = computeTax(quebec, 'inclusive', 'CAD', [line('a', 11_497)], 0);
    // 114.97 incl. 14.975% contains 14.97 (net 100.00): 5.00 GST and 9.97 QST.
    expect(quote.totalTax).toBe(1497);
    expect(quote.rates.map((r) => [r.label, r.amount])).toEqual([
      ['GST 5% (included)', 500],
      ['QST 9.975% (included)', 997],
    ]);
  });

  it('for any lines: net + tax = gross on every line, and the rates add up to the total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom(germany, quebec, newYork),
        (amounts, shipping, place) => {
          const quote = computeTax(
            place,
            'inclusive',
            'EUR',
            amounts.map((a, i) => line(String(i), a)),
            shipping,
          );
          quote.lines.forEach((l, i) => {
            expect(l.tax).toBeGreaterThanOrEqual(0);
            expect(l.tax).toBeLessThanOrEqual(amounts[i]!);
            expect(amounts[i]! - l.tax + l.tax).toBe(amounts[i]);
          });
          expect(sum(quote.rates.map((r) => r.amount))).toBe(quote.totalTax);
          expect(sum([...quote.lines.map((l) => l.tax), quote.shippingTax])).toBe(quote.totalTax);
        },
      ),
    );
  });
});

describe('exclusive: the tax is added to the price', () => {
  it('adds 7.25% California sales tax to $29.99, and leaves shipping untaxed there', () => {
    const quote = computeTax(california, 'exclusive', 'USD', [line('MIPB10K-SLV', 2999)], 599);
    expect(quote).toEqual({
      currency: 'USD',
      pricesIncludeTax: false,
      lines: [{ id: 'MIPB10K-SLV', tax: 217 }],
      shippingTax: 0,
      totalTax: 217,
      rates: [{ jurisdiction: 'US-CA', name: 'CA sales tax', rate: 72_500, label: 'CA sales tax 7.25%', amount: 217 }],
    });
  });

  it('taxes shipping where the state taxes delivery charges', () => {
    const quote = computeTax(newYork, 'exclusive', 'USD', [line('a', 2999)], 599);
    expect(quote.shippingTax).toBe(24); // 5.99 x 4% = 0.2396
    expect(quote.totalTax).toBe(120 + 24);
  });

  it('rounds each line on its own, half a cent up', () => {
    // 0.0725 x 6 cents = 0.435 -> 0 per line, though the 12-cent sum would be 0.87 -> 1.
    const quote = computeTax(california, 'exclusive', 'USD', [line('a', 6), line('b', 6)], 0);
    expect(quote.totalTax).toBe(0);
    // 20 cents x 7.25% = 1.45 -> 1; 1 cent x 50% would be 0.5 -> 1.
    expect(computeTax(california, 'exclusive', 'USD', [line('a', 20)], 0).totalTax).toBe(1);
    expect(
      computeTax(
        { ...california, components: [{ name: 'half', rate: 500_000 }] },
        'exclusive',
        'USD',
        [line('a', 1)],
        0,
      ).totalTax,
    ).toBe(1);
  });

  it('computes GST and QST each on the net amount: no tax on tax', () => {
    const quote = computeTax(quebec, 'exclusive', 'CAD', [line('a', 10_000)], 0);
    expect(quote.rates.map((r) => [r.label, r.amount])).toEqual([
      ['GST 5%', 500],
      ['QST 9.975%', 998],
    ]);
    expect(quote.totalTax).toBe(1498);
  });

  it('collects nothing where there is no sales tax, and names no rate', () => {
    const quote = computeTax(oregon, 'exclusive', 'USD', [line('a', 2999)], 599);
    expect(quote).toMatchObject({ totalTax: 0, shippingTax: 0, rates: [], lines: [{ id: 'a', tax: 0 }] });
  });

  it('for any lines: each line tax is its rate of the line, and the total is their sum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000_000 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 100_000 }),
        (amounts, shipping) => {
          const quote = computeTax(
            quebec,
            'exclusive',
            'CAD',
            amounts.map((a, i) => line(String(i), a)),
            shipping,
          );
          quote.lines.forEach((l, i) => {
            expect(l.tax).toBe(percentOf(amounts[i]!, 50_000) + percentOf(amounts[i]!, 99_750));
          });
          expect(quote.shippingTax).toBe(percentOf(shipping, 50_000) + percentOf(shipping, 99_750));
          expect(sum(quote.rates.map((r) => r.amount))).toBe(quote.totalTax);
        },
      ),
    );
  });
});

describe('an empty order', () => {
  it('has no tax and keeps the rates that would apply, at zero', () => {
    expect(computeTax(germany, 'inclusive', 'EUR', [], 0)).toMatchObject({
      lines: [],
      totalTax: 0,
      rates: [{ label: 'VAT 19% (included)', amount: 0 }],
    });
  });
});
