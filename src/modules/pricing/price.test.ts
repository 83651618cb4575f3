import { describe, expect, it } from 'vitest';
import { entryInForce, nextPriceChange, type PriceEntry, pricesInForce, windowIssues } from './price.js';

const at = (iso: string) => new Date(iso);

function entry(amount: number, validFrom: string | null = null, validUntil: string | null = null, sku = 'MIPB10K-SLV') {
  return {
    sku,
    currency: 'USD',
    amount,
    validFrom: validFrom === null ? null : at(validFrom),
    validUntil: validUntil === null ? null : at(validUntil),
  } satisfies PriceEntry;
}

describe('the price in force', () => {
  const base = entry(2999);
  const launch = entry(2499, '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z');
  const flash = entry(1999, '2026-12-10T10:00:00Z', '2026-12-10T12:00:00Z');

  it('is the base price when no dated price holds', () => {
    expect(entryInForce([base, launch, flash], at('2026-11-30T23:59:59.999Z'))).toBe(base);
    expect(entryInForce([base, launch, flash], at('2027-01-01T00:00:00Z'))).toBe(base);
  });

  it('is a dated price from the first instant of its window until the last one before validUntil', () => {
    expect(entryInForce([base, launch], at('2026-12-01T00:00:00Z'))).toBe(launch);
    expect(entryInForce([base, launch], at('2026-12-31T23:59:59.999Z'))).toBe(launch);
  });

  it('is the price that started last when windows nest: a flash sale inside a launch offer', () => {
    expect(entryInForce([flash, base, launch], at('2026-12-10T11:00:00Z'))).toBe(flash);
    expect(entryInForce([flash, base, launch], at('2026-12-10T12:00:00Z'))).toBe(launch);
  });

  it('is nothing before the first window opens when there is no base price', () => {
    expect(entryInForce([launch], at('2026-11-24T12:00:00Z'))).toBeUndefined();
    expect(entryInForce([], at('2026-11-24T12:00:00Z'))).toBeUndefined();
  });

  it('holds forever with an open end', () => {
    expect(entryInForce([entry(100, '2020-01-01T00:00:00Z')], at('2100-01-01T00:00:00Z'))?.amount).toBe(100);
  });
});

describe('pricesInForce', () => {
  it('answers each SKU with its own price and leaves out SKUs without one', () => {
    const prices = pricesInForce(
      [entry(2999), entry(3999, null, null, 'MIPB20K-WHT'), entry(999, '2027-01-01T00:00:00Z', null, 'MIBAND-BLK')],
      at('2026-11-24T12:00:00Z'),
    );
    expect([...prices.values()]).toEqual([
      { sku: 'MIPB10K-SLV', currency: 'USD', amount: 2999 },
      { sku: 'MIPB20K-WHT', currency: 'USD', amount: 3999 },
    ]);
  });
});

describe('nextPriceChange', () => {
  it('is the next window edge after the instant, opening or closing', () => {
    const entries = [entry(2999), entry(2499, '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z')];
    expect(nextPriceChange(entries, at('2026-11-24T12:00:00Z'))).toEqual(at('2026-12-01T00:00:00Z'));
    expect(nextPriceChange(entries, at('2026-12-01T00:00:00Z'))).toEqual(at('2027-01-01T00:00:00Z'));
    expect(nextPriceChange(entries, at('2027-01-01T00:00:00Z'))).toBeNull();
  });

  it('is null with only undated prices', () => {
    expect(nextPriceChange([entry(1)], at('2026-11-24T12:00:00Z'))).toBeNull();
  });
});

describe('windowIssues', () => {
  it('accepts open and proper windows and refuses one that ends before it starts', () => {
    expect(windowIssues({ validFrom: null, validUntil: at('2027-01-01T00:00:00Z') })).toEqual([]);
    expect(windowIssues({ validFrom: at('2026-12-01T00:00:00Z'), validUntil: null })).toEqual([]);
    expect(windowIssues({ validFrom: at('2026-12-01T00:00:00Z'), validUntil: at('2026-12-01T00:00:00Z') })).toEqual([
      { field: 'validUntil', message: 'must be after validFrom (2026-12-01T00:00:00.000Z)' },
    ]);
  });
});
