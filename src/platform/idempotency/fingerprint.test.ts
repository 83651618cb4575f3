import { describe, expect, it } from 'vitest';
import { fingerprint } from './index.js';

describe('fingerprint', () => {
  it('is the same for the same request written with its keys in another order', () => {
    const a = { email: 'a@b.co', shippingAddress: { name: 'A', city: 'X', country: 'US' }, lines: [1, 2] };
    const b = { lines: [1, 2], shippingAddress: { country: 'US', city: 'X', name: 'A' }, email: 'a@b.co' };
    expect(fingerprint(b)).toBe(fingerprint(a));
  });

  it('differs for another request, arrays keeping their order', () => {
    expect(fingerprint({ lines: [2, 1] })).not.toBe(fingerprint({ lines: [1, 2] }));
    expect(fingerprint({ email: 'a@b.co' })).not.toBe(fingerprint({ email: 'b@b.co' }));
  });
});
