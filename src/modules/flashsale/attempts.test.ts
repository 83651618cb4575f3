import { describe, expect, it } from 'vitest';
import { AttemptCounter } from './attempts.js';

describe('attempts per buyer', () => {
  it('allows max attempts per window per buyer, says how long to wait, and starts afresh', () => {
    const counter = new AttemptCounter({ max: 3, windowMs: 10_000 });
    expect([1, 2, 3].map((t) => counter.take('ana', t))).toEqual([0, 0, 0]);
    expect(counter.take('ana', 2_500)).toBe(8);
    expect(counter.take('bo', 2_500)).toBe(0);
    expect(counter.take('ana', 10_001)).toBe(0);
    // A clock set back (tests, a corrected host clock) does not leave a window open for hours.
    for (let i = 0; i < 3; i++) counter.take('cy', 5_000_000);
    expect(counter.take('cy', 1_000)).toBe(0);
  });
});
