import { describe, expect, it } from 'vitest';
import { assortmentGate, verdict } from './verdict.js';

const now = new Date('2026-11-24T12:00:00Z');

describe('assortment gate', () => {
  it('is closed when the market has not listed the product, and says so', () => {
    expect(assortmentGate({ marketName: 'United States', listedAt: undefined }, now)).toEqual({
      gate: 'assortment',
      open: false,
      reason: 'Not listed for United States',
    });
  });

  it('is open once the product is listed', () => {
    const gate = assortmentGate({ marketName: 'China', listedAt: new Date('2026-11-01T00:00:00Z') }, now);
    expect(gate.open).toBe(true);
    expect(gate.reason).toBe('Listed in China');
  });

  it('is closed before the listing takes effect', () => {
    const gate = assortmentGate({ marketName: 'India', listedAt: new Date('2026-12-01T00:00:00Z') }, now);
    expect(gate.open).toBe(false);
    expect(gate.reason).toContain('2026-12-01');
  });

  it('opens at the exact instant of listing', () => {
    expect(assortmentGate({ marketName: 'India', listedAt: now }, now).open).toBe(true);
  });
});

describe('verdict', () => {
  const open = { gate: 'assortment' as const, open: true, reason: 'Listed in China' };
  const closed = { gate: 'compliance' as const, open: false, reason: 'No FCC grant on file' };

  it('is sellable only when every gate is open', () => {
    expect(verdict([open]).sellable).toBe(true);
    expect(verdict([open, closed]).sellable).toBe(false);
  });

  it('keeps every gate with its reason, open or closed', () => {
    expect(verdict([open, closed]).gates).toEqual([open, closed]);
  });

  it('is never sellable without any gate decided', () => {
    expect(verdict([]).sellable).toBe(false);
  });
});
