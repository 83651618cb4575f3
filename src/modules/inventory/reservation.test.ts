import { describe, expect, it } from 'vitest';
import { commitSettlement, type Reservation, releaseSettlement } from './reservation.js';

const now = new Date('2026-11-24T12:00:00Z');
const later = new Date('2026-11-24T12:15:00Z');

type Line = Pick<Reservation, 'id' | 'state' | 'releaseReason' | 'expiresAt'>;
const line = (id: string, state: Line['state'] = 'held', extra: Partial<Line> = {}): Line => ({
  id,
  state,
  releaseReason: state === 'released' ? 'cancelled' : null,
  expiresAt: later,
  ...extra,
});

describe('commitSettlement', () => {
  it('commits every held line before the expiry', () => {
    expect(commitSettlement([line('a'), line('b')], now)).toEqual({ kind: 'settle', ids: ['a', 'b'] });
  });

  it('does nothing the second time', () => {
    expect(commitSettlement([line('a', 'committed'), line('b', 'committed')], now)).toEqual({ kind: 'done' });
  });

  it('refuses a released reservation, saying why it was released', () => {
    const expired = line('a', 'released', { releaseReason: 'expired' });
    expect(commitSettlement([expired], now)).toEqual({ kind: 'refuse', reason: 'it was released (expired)' });
    expect(commitSettlement([line('a', 'released')], now)).toEqual({
      kind: 'refuse',
      reason: 'it was released (cancelled)',
    });
  });

  it('refuses a held reservation from the instant it expires, before the expiry job has released it', () => {
    expect(commitSettlement([line('a')], new Date(later.getTime() - 1)).kind).toBe('settle');
    expect(commitSettlement([line('a')], later)).toEqual({
      kind: 'refuse',
      reason: 'it expired at 2026-11-24T12:15:00.000Z',
    });
  });
});

describe('releaseSettlement', () => {
  it('releases every held line, expired or not', () => {
    expect(releaseSettlement([line('a'), line('b', 'held', { expiresAt: now })])).toEqual({
      kind: 'settle',
      ids: ['a', 'b'],
    });
  });

  it('does nothing for released lines, or for a reference that holds nothing', () => {
    expect(releaseSettlement([line('a', 'released')])).toEqual({ kind: 'done' });
    expect(releaseSettlement([])).toEqual({ kind: 'done' });
  });

  it('refuses a committed (paid) reservation', () => {
    expect(releaseSettlement([line('a', 'committed')])).toEqual({ kind: 'refuse', reason: 'it is committed (paid)' });
  });
});
