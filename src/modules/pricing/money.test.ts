import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  currencyExponent,
  formatMoney,
  formatRate,
  includedTax,
  multiply,
  PPM,
  parseAmount,
  parseRate,
  percentOf,
  sum,
  toDecimal,
} from './money.js';

// Amounts up to a hundred billion major units; rates up to 100%.
const amount = fc.integer({ min: 0, max: 10_000_000_000_000 });
const signedAmount = fc.integer({ min: -10_000_000_000_000, max: 10_000_000_000_000 });
// A unit price up to a hundred million major units, so 20 lines of 999 stay exact.
const unitAmount = fc.integer({ min: 0, max: 10_000_000_000 });
const rate = fc.integer({ min: 0, max: PPM });
const currency = fc.constantFrom('USD', 'EUR', 'JPY', 'KRW', 'KWD', 'BHD', 'INR', 'HUF', 'CLF');

const abs = (n: bigint) => (n < 0n ? -n : n);

describe('currencyExponent', () => {
  it('follows ISO 4217: JPY and KRW 0, USD and EUR 2, KWD and BHD 3', () => {
    expect(['JPY', 'KRW', 'USD', 'EUR', 'INR', 'KWD', 'BHD'].map(currencyExponent)).toEqual([0, 0, 2, 2, 2, 3, 3]);
  });

  it('keeps the ISO minor unit where Intl shows fewer digits (HUF, IDR, IQD)', () => {
    expect(
      new Intl.NumberFormat('en', { style: 'currency', currency: 'HUF' }).resolvedOptions().maximumFractionDigits,
    ).toBe(0);
    expect([currencyExponent('HUF'), currencyExponent('IDR'), currencyExponent('IQD')]).toEqual([2, 2, 3]);
  });
});

describe('sum and multiply', () => {
  it('sum equals the exact (BigInt) sum, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(signedAmount, { maxLength: 50 }), (amounts) => {
        const exact = amounts.reduce((a, b) => a + BigInt(b), 0n);
        expect(BigInt(sum(amounts))).toBe(exact);
        expect(sum([...amounts].reverse())).toBe(sum(amounts));
      }),
    );
  });

  it('the sum of line totals is the sum of unit amount x quantity', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(unitAmount, fc.integer({ min: 0, max: 999 })), { maxLength: 20 }), (lines) => {
        const total = sum(lines.map(([unit, quantity]) => multiply(unit, quantity)));
        expect(BigInt(total)).toBe(lines.reduce((a, [u, q]) => a + BigInt(u) * BigInt(q), 0n));
      }),
    );
  });

  it('refuses fractions of a minor unit and sums a double cannot hold', () => {
    expect(() => sum([1.5])).toThrow(RangeError);
    expect(() => multiply(0.1, 3)).toThrow(RangeError);
    expect(() => sum([Number.MAX_SAFE_INTEGER, 1])).toThrow(/too large/);
  });
});

describe('percentOf (tax added to a net amount)', () => {
  it('is the exact result rounded to the nearest minor unit', () => {
    fc.assert(
      fc.property(amount, rate, (a, r) => {
        const exact = BigInt(a) * BigInt(r);
        // |result - a x r / PPM| <= 1/2
        expect(2n * abs(BigInt(percentOf(a, r)) * BigInt(PPM) - exact)).toBeLessThanOrEqual(BigInt(PPM));
      }),
    );
  });

  it('rounds half a cent up', () => {
    expect(percentOf(10, 50_000)).toBe(1); // 5% of 10 cents = 0.5
    expect(percentOf(30, 50_000)).toBe(2); // 1.5 -> 2
    expect(percentOf(1, 72_500)).toBe(0); // 0.0725
    expect(percentOf(2999, 72_500)).toBe(217); // 217.4275
    expect(percentOf(1000, 99_750)).toBe(100); // 99.75
  });

  it('rounds half away from zero for negative amounts (refunds), symmetric with positive ones', () => {
    fc.assert(
      fc.property(signedAmount, rate, (a, r) => {
        expect(percentOf(-a, r)).toBe(-percentOf(a, r) || 0);
      }),
    );
  });

  it('is monotonic in the amount', () => {
    fc.assert(fc.property(amount, amount, rate, (a, b, r) => (a <= b ? percentOf(a, r) <= percentOf(b, r) : true)));
  });
});

describe('includedTax (tax contained in a tax-inclusive amount)', () => {
  it('splits a gross amount into net and tax that add up exactly, the tax rounded to the nearest unit', () => {
    fc.assert(
      fc.property(amount, rate, (gross, r) => {
        const tax = includedTax(gross, r);
        const net = gross - tax;
        expect(net + tax).toBe(gross);
        expect(tax).toBeGreaterThanOrEqual(0);
        expect(tax).toBeLessThanOrEqual(gross);
        // |tax - gross x r / (1 + r)| <= 1/2
        const denominator = BigInt(PPM + r);
        expect(2n * abs(BigInt(tax) * denominator - BigInt(gross) * BigInt(r))).toBeLessThanOrEqual(denominator);
      }),
    );
  });

  it('agrees within one minor unit with the tax added to its own net', () => {
    fc.assert(
      fc.property(amount, rate, (gross, r) => {
        const net = gross - includedTax(gross, r);
        expect(Math.abs(net + percentOf(net, r) - gross)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('takes the exact VAT out of round prices', () => {
    expect(includedTax(2999, 190_000)).toBe(479); // €29.99 incl. 19%: 478.83
    expect(includedTax(2999, 200_000)).toBe(500); // 499.83
    expect(includedTax(4480, 100_000)).toBe(407); // ¥4,480 incl. 10%: 407.27
    expect(includedTax(12000, 200_000)).toBe(2000);
    expect(includedTax(0, 200_000)).toBe(0);
    expect(includedTax(999, 0)).toBe(0);
  });

  it('adding tax to a net amount and taking it out again gives the same split', () => {
    fc.assert(
      fc.property(amount, rate, (net, r) => {
        const gross = net + percentOf(net, r);
        expect(Math.abs(gross - includedTax(gross, r) - net)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('allocate', () => {
  it('splits an amount into parts that sum to it exactly, each within one unit of its share', () => {
    fc.assert(
      fc.property(
        signedAmount,
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 10 }),
        (a, weights) => {
          const parts = allocate(a, weights);
          expect(sum(parts)).toBe(a);
          const total = weights.reduce((x, w) => x + w, 0);
          if (total === 0) return;
          parts.forEach((part, i) => {
            const share = (BigInt(a) * BigInt(weights[i]!)) / BigInt(total);
            expect(abs(BigInt(part) - share)).toBeLessThanOrEqual(1n);
          });
        },
      ),
    );
  });

  it('gives leftover units to the largest remainders, earlier parts first on a tie', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(5, [50_000, 99_750])).toEqual([2, 3]);
    expect(allocate(7, [0, 0])).toEqual([7, 0]);
  });
});

describe('parseRate and formatRate', () => {
  it('reads a percentage exactly, in parts per million', () => {
    expect(parseRate('7.25')).toBe(72_500);
    expect(parseRate('9.975')).toBe(99_750);
    expect(parseRate('25.5')).toBe(255_000);
    expect(parseRate('0')).toBe(0);
    expect(parseRate('100')).toBe(PPM);
  });

  it('refuses what is not a percentage between 0 and 100 with at most four decimals', () => {
    for (const text of ['', '-1', '7,25', '7.', '.5', '100.01', '101', '7.12345', '1e2', ' 7']) {
      expect(parseRate(text), text).toBeUndefined();
    }
  });

  it('formats a rate back to the same text, with no trailing zeros', () => {
    expect(formatRate(72_500)).toBe('7.25');
    expect(formatRate(200_000)).toBe('20');
    expect(formatRate(99_750)).toBe('9.975');
    fc.assert(
      fc.property(rate, (r) => {
        expect(parseRate(formatRate(r))).toBe(r);
      }),
    );
  });
});

describe('parseAmount and toDecimal', () => {
  it('reads decimal text into minor units without a float', () => {
    expect(parseAmount('19.99', 'USD')).toBe(1999);
    expect(parseAmount('19.9', 'USD')).toBe(1990);
    expect(parseAmount('19', 'USD')).toBe(1900);
    expect(parseAmount('0.1', 'USD')).toBe(10);
    expect(parseAmount('4480', 'JPY')).toBe(4480);
    expect(parseAmount('4480.00', 'JPY')).toBe(4480);
    expect(parseAmount('1.234', 'KWD')).toBe(1234);
    // 0.29 x 100 is 28.999999999999996 in floating point.
    expect(parseAmount('0.29', 'EUR')).toBe(29);
    expect(parseAmount('90071992547409.91', 'USD')).toBe(9_007_199_254_740_991);
  });

  it('refuses more decimals than the currency has, saying so', () => {
    expect(() => parseAmount('12.5', 'JPY')).toThrow('JPY has no minor unit: "12.5" must be a whole number');
    expect(() => parseAmount('19.999', 'USD')).toThrow('USD has 2 decimals: "19.999" has more');
    expect(() => parseAmount('1.2345', 'KWD')).toThrow('KWD has 3 decimals');
  });

  it('refuses signs, separators, exponents and amounts a double cannot hold', () => {
    for (const text of ['-1', '+1', '1,000', '1 000', '1e3', '', '.5', '5.', 'NaN', '0x10']) {
      expect(() => parseAmount(text, 'USD'), text).toThrow(/not an amount/);
    }
    expect(() => parseAmount('90071992547409.92', 'USD')).toThrow(/too large/);
  });

  it('round-trips every amount in every currency', () => {
    fc.assert(
      fc.property(amount, currency, (a, c) => {
        expect(parseAmount(toDecimal(a, c), c)).toBe(a);
      }),
    );
  });

  it('writes minor units as decimal text', () => {
    expect(toDecimal(1999, 'USD')).toBe('19.99');
    expect(toDecimal(5, 'USD')).toBe('0.05');
    expect(toDecimal(-5, 'USD')).toBe('-0.05');
    expect(toDecimal(4480, 'JPY')).toBe('4480');
    expect(toDecimal(1, 'KWD')).toBe('0.001');
  });
});

describe('formatMoney', () => {
  it('shows yen and won with no decimals, in the local style', () => {
    expect(formatMoney(4480, 'JPY', 'ja-JP')).toBe('￥4,480');
    expect(formatMoney(39000, 'KRW', 'ko-KR')).toBe('₩39,000');
    fc.assert(
      fc.property(amount, (a) => {
        expect(formatMoney(a, 'JPY', 'ja-JP')).not.toContain('.');
      }),
    );
  });

  it('shows two decimals for USD and EUR, three for KWD', () => {
    expect(formatMoney(2999, 'USD', 'en-US')).toBe('$29.99');
    expect(formatMoney(2999, 'EUR', 'en-IE')).toBe('€29.99');
    expect(formatMoney(2999, 'EUR', 'de-DE')).toBe('29,99\u00a0€');
    expect(formatMoney(249900, 'INR', 'en-IN')).toBe('₹2,499.00');
    expect(formatMoney(1234, 'KWD', 'en')).toMatch(/1\.234$/);
  });

  it('formats amounts beyond a double precisely', () => {
    expect(formatMoney(9_007_199_254_740_991, 'USD', 'en-US')).toBe('$90,071,992,547,409.91');
  });

  it('keeps a fraction that the locale would hide (HUF shows no decimals unless there are some)', () => {
    expect(formatMoney(123400, 'HUF', 'en')).toMatch(/1,234$/);
    expect(formatMoney(123450, 'HUF', 'en')).toMatch(/1,234\.50$/);
  });

  it('never shows more decimals than the currency has', () => {
    fc.assert(
      fc.property(amount, currency, (a, c) => {
        // en-US writes the decimal separator as "." and groups with ",".
        const decimals = /\.(\d+)/.exec(formatMoney(a, c, 'en-US'))?.[1]?.length ?? 0;
        expect(decimals).toBeLessThanOrEqual(currencyExponent(c));
      }),
    );
  });
});
