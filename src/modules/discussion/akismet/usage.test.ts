import { describe, expect, it } from 'vitest';
import { addUsage, countOf, monthOf, NO_USAGE, summarise } from './usage.js';

describe('usage counts', () => {
  it('counts a comment-check answered spam or ham as a call and as that answer', () => {
    expect(countOf('spam')).toEqual({ ...NO_USAGE, calls: 1, spam: 1 });
    expect(countOf('ham')).toEqual({ ...NO_USAGE, calls: 1, ham: 1 });
  });

  it('counts submit-spam as missed spam and submit-ham as a false positive, neither as a call', () => {
    expect(countOf('missedSpam')).toEqual({ ...NO_USAGE, missedSpam: 1 });
    expect(countOf('falsePositives')).toEqual({ ...NO_USAGE, falsePositives: 1 });
  });

  it('adds counts field by field', () => {
    expect(addUsage(countOf('spam'), addUsage(countOf('ham'), countOf('missedSpam')))).toEqual({
      calls: 2,
      spam: 1,
      ham: 1,
      missedSpam: 1,
      falsePositives: 0,
    });
  });

  it('are kept per calendar month in UTC', () => {
    expect(monthOf(new Date('2026-11-30T23:59:59Z'))).toBe('2026-11');
    expect(monthOf(new Date('2026-12-01T00:00:00+01:00'))).toBe('2026-11');
  });

  it("summarise one month's counts and the totals over all months", () => {
    const months = [
      { month: '2026-10', ...countOf('spam') },
      { month: '2026-11', ...addUsage(countOf('ham'), countOf('falsePositives')) },
    ];
    expect(summarise(months, '2026-11')).toEqual({
      month: { month: '2026-11', calls: 1, spam: 0, ham: 1, missedSpam: 0, falsePositives: 1 },
      total: { calls: 2, spam: 1, ham: 1, missedSpam: 0, falsePositives: 1 },
    });
  });

  it('summarise a month without calls as zeros', () => {
    expect(summarise([], '2026-11')).toEqual({ month: { month: '2026-11', ...NO_USAGE }, total: NO_USAGE });
  });
});
