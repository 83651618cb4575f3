import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from './throttle.js';

const policy = { maxFailures: 3, windowMs: 60_000 };
const now = new Date('2026-11-24T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('login throttle', () => {
  it('lets attempts through below the limit', () => {
    expect(retryAfterSeconds([ago(5), ago(4)], now, policy)).toBe(0);
  });

  it('refuses at the limit until the oldest counted failure leaves the window', () => {
    expect(retryAfterSeconds([ago(50), ago(20), ago(10)], now, policy)).toBe(10);
  });

  it('ignores failures older than the window', () => {
    expect(retryAfterSeconds([ago(120), ago(90), ago(20), ago(10)], now, policy)).toBe(0);
  });

  it('waits for enough failures to age out when far over the limit', () => {
    const failures = [ago(55), ago(40), ago(30), ago(20), ago(10)];
    // Three may stand in the window; the third newest (30 s ago) must leave: 30 s more.
    expect(retryAfterSeconds(failures, now, policy)).toBe(30);
  });

  it('never answers a wait of zero while refusing', () => {
    expect(retryAfterSeconds([ago(60 - 0.1), ago(1), ago(1)], now, policy)).toBe(1);
  });
});
