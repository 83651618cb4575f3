import { describe, expect, it } from 'vitest';
import { addDays, expiresWithin, isInForce } from './evidence.js';

const grant = { status: 'valid' as const, issuedOn: '2025-03-10', expiresOn: '2026-12-15' };
const at = (iso: string) => new Date(iso);

describe('isInForce', () => {
  it('is not in force the last instant before the day of issue', () => {
    expect(isInForce(grant, at('2025-03-09T23:59:59.999Z'))).toBe(false);
  });

  it('is in force from the first instant of the day of issue', () => {
    expect(isInForce(grant, at('2025-03-10T00:00:00.000Z'))).toBe(true);
  });

  it('is in force to the last instant of the day before expiry', () => {
    expect(isInForce(grant, at('2026-12-14T23:59:59.999Z'))).toBe(true);
  });

  it('is no longer in force from the first instant of the day of expiry', () => {
    expect(isInForce(grant, at('2026-12-15T00:00:00.000Z'))).toBe(false);
  });

  it('counts days in UTC whatever the offset the instant was written with', () => {
    // 2026-12-15T00:30 in UTC, though still the 14th in New York.
    expect(isInForce(grant, at('2026-12-14T19:30:00-05:00'))).toBe(false);
  });

  it('never expires without an expiry date', () => {
    expect(isInForce({ ...grant, expiresOn: null }, at('2099-01-01T00:00:00Z'))).toBe(true);
  });

  it.each(['suspended', 'revoked', 'withdrawn'] as const)('is not in force while %s', (status) => {
    expect(isInForce({ ...grant, status }, at('2026-01-01T12:00:00Z'))).toBe(false);
  });
});

describe('expiresWithin', () => {
  const now = at('2026-11-24T10:00:00Z');

  it('warns when the expiry day is within the window, up to its last day', () => {
    expect(expiresWithin({ expiresOn: '2026-12-15' }, now, 30)).toBe(true);
    expect(expiresWithin({ expiresOn: '2026-12-24' }, now, 30)).toBe(true);
    expect(expiresWithin({ expiresOn: '2026-12-25' }, now, 30)).toBe(false);
  });

  it('warns up to the day before expiry, not on the day it has expired', () => {
    expect(expiresWithin({ expiresOn: '2026-11-25' }, now, 30)).toBe(true);
    expect(expiresWithin({ expiresOn: '2026-11-24' }, now, 30)).toBe(false);
  });

  it('does not warn without an expiry date', () => {
    expect(expiresWithin({ expiresOn: null }, now, 30)).toBe(false);
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-11-24', 30)).toBe('2026-12-24');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
  });
});
