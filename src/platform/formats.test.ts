import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { isDay, isInstant } from './formats.js';
import { check } from './validate.js';

describe('calendar formats', () => {
  it('takes days of the calendar from 1900 to 9999', () => {
    for (const day of ['1900-01-01', '2028-02-29', '9999-12-31']) expect(isDay(day), day).toBe(true);
    for (const day of ['0050-06-01', '0000-01-01', '1899-12-31', '2027-02-29', '2026-13-01', '2026-1-01', '20260101']) {
      expect(isDay(day), day).toBe(false);
    }
  });

  it('takes RFC 3339 instants on such days, without leap seconds', () => {
    for (const at of ['2027-01-01T00:00:00Z', '2027-01-01t23:59:59.999+05:30', '2027-01-01 12:00:00-08:00']) {
      expect(isInstant(at), at).toBe(true);
    }
    for (const at of [
      '2027-01-01T23:59:60Z',
      '0050-06-01T00:00:00Z',
      '2027-01-01T24:00:00Z',
      '2027-01-01T00:00:00',
      '2027-01-01T00:00:00+25:00',
      '2027-02-30T00:00:00Z',
    ]) {
      expect(isInstant(at), at).toBe(false);
    }
  });

  it('are the formats TypeBox checks data files and CSV rows with', () => {
    const Dated = Type.Object({ on: Type.String({ format: 'date' }), at: Type.String({ format: 'date-time' }) });
    expect(check(Dated, { on: '2027-03-01', at: '2027-03-01T10:00:00Z' })).toBeTruthy();
    expect(() => check(Dated, { on: '0050-03-01', at: '2027-03-01T23:59:60Z' })).toThrow(/on: .*at: /s);
  });
});
