import { describe, expect, it } from 'vitest';
import { daysIssues, shippingCost } from './method.js';

describe('shippingCost', () => {
  const standard = { amount: 599, freeAbove: 3500 };

  it('is the flat amount below the threshold', () => {
    expect(shippingCost(standard, 0)).toBe(599);
    expect(shippingCost(standard, 3499)).toBe(599);
  });

  it('is free from the threshold on, the threshold itself included', () => {
    expect(shippingCost(standard, 3500)).toBe(0);
    expect(shippingCost(standard, 1_000_000)).toBe(0);
  });

  it('is never free without a threshold', () => {
    expect(shippingCost({ amount: 1499, freeAbove: null }, 1_000_000)).toBe(1499);
  });

  it('is free everywhere with a zero threshold or a zero amount', () => {
    expect(shippingCost({ amount: 599, freeAbove: 0 }, 0)).toBe(0);
    expect(shippingCost({ amount: 0, freeAbove: null }, 10)).toBe(0);
  });
});

describe('daysIssues', () => {
  it('accepts a range, a single day and no estimate', () => {
    expect(daysIssues({ minDays: 3, maxDays: 7 })).toEqual([]);
    expect(daysIssues({ minDays: 1, maxDays: 1 })).toEqual([]);
    expect(daysIssues({ minDays: null, maxDays: null })).toEqual([]);
    expect(daysIssues({ minDays: null, maxDays: 5 })).toEqual([]);
  });

  it('refuses a maximum below the minimum', () => {
    expect(daysIssues({ minDays: 5, maxDays: 3 })).toEqual([
      { field: 'maxDays', message: 'must be at least minDays (5)' },
    ]);
  });
});
