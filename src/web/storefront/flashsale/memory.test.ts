import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Admitted, lastAdmitted, recall, rememberAdmitted, rememberOrdered, unitsTaken } from './memory';

const NOW = Date.parse('2026-11-24T12:10:00Z');
const unit = (id: string, heldUntil: string, more: Partial<Admitted> = {}): Admitted => ({
  id,
  email: 'ana@example.com',
  heldUntil,
  ...more,
});
const HELD = '2026-11-24T12:25:00Z';
const RAN_OUT = '2026-11-24T12:05:00Z';

describe('the units a buyer holds or bought in a sale', () => {
  it('counts a unit still held and a unit checked out', () => {
    const memory = { admissions: [unit('a', RAN_OUT, { orderId: 'o1' }), unit('b', HELD)] };
    expect(unitsTaken(memory, 'ana@example.com', NOW)).toBe(2);
  });

  it('does not count a hold that ran out unpaid: the unit went back to the sale', () => {
    expect(unitsTaken({ admissions: [unit('a', RAN_OUT)] }, 'ana@example.com', NOW)).toBe(0);
  });

  it('counts only the units of the buyer with this email, whatever its case and spaces', () => {
    const memory = { admissions: [unit('a', HELD), unit('b', HELD, { email: 'bo@example.com' })] };
    expect(unitsTaken(memory, ' Ana@Example.com ', NOW)).toBe(1);
    expect(unitsTaken(memory, 'cy@example.com', NOW)).toBe(0);
    expect(unitsTaken(memory, '', NOW)).toBe(0);
  });

  it('counts nothing before the first unit', () => {
    expect(unitsTaken({}, 'ana@example.com', NOW)).toBe(0);
  });
});

describe('what this browser remembers of a sale', () => {
  let stored: Map<string, string>;
  beforeEach(() => {
    stored = new Map();
    globalThis.localStorage = {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
    } as Storage;
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('keeps every unit it was given, and shows the last', () => {
    rememberAdmitted('s', unit('a', HELD));
    rememberOrdered('s', 'a', 'o1');
    const memory = rememberAdmitted('s', unit('b', HELD));
    expect(memory.admissions?.map((a) => [a.id, a.orderId])).toEqual([
      ['a', 'o1'],
      ['b', undefined],
    ]);
    expect(lastAdmitted(recall('s'))?.id).toBe('b');
  });

  it('reads the single unit an earlier version stored', () => {
    stored.set('marketgate.flash-sale.s', JSON.stringify({ admission: unit('a', HELD, { orderId: 'o1' }) }));
    expect(recall('s')).toEqual({ admissions: [unit('a', HELD, { orderId: 'o1' })] });
    expect(unitsTaken(recall('s'), 'ana@example.com', NOW)).toBe(1);
  });
});
