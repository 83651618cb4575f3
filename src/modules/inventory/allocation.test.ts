import { describe, expect, it } from 'vitest';
import { allocate, allocateLine, lineIssues, mergeLines, type StockCandidate } from './allocation.js';

const stock = (location: string, priority: number, sku: string, onHand: number, reserved = 0): StockCandidate => ({
  location,
  priority,
  sku,
  onHand,
  reserved,
});

describe('allocateLine', () => {
  const band = [stock('us-east', 1, 'BAND', 3), stock('us-west', 2, 'BAND', 10), stock('us-south', 3, 'BAND', 10)];

  it('takes the whole line from the first location by priority that has enough', () => {
    expect(allocateLine({ sku: 'BAND', quantity: 2 }, band)).toEqual([
      { sku: 'BAND', location: 'us-east', quantity: 2 },
    ]);
  });

  it('passes over a location with too little for one that can fill the line alone, so it ships as one parcel', () => {
    expect(allocateLine({ sku: 'BAND', quantity: 5 }, band)).toEqual([
      { sku: 'BAND', location: 'us-west', quantity: 5 },
    ]);
  });

  it('splits the line over locations in priority order when none can fill it alone', () => {
    expect(allocateLine({ sku: 'BAND', quantity: 15 }, band)).toEqual([
      { sku: 'BAND', location: 'us-east', quantity: 3 },
      { sku: 'BAND', location: 'us-west', quantity: 10 },
      { sku: 'BAND', location: 'us-south', quantity: 2 },
    ]);
  });

  it('counts what is reserved as gone', () => {
    const held = [stock('us-east', 1, 'BAND', 5, 4), stock('us-west', 2, 'BAND', 5, 5)];
    expect(allocateLine({ sku: 'BAND', quantity: 1 }, held)).toEqual([
      { sku: 'BAND', location: 'us-east', quantity: 1 },
    ]);
    expect(allocateLine({ sku: 'BAND', quantity: 2 }, held)).toBeUndefined();
  });

  it('orders locations of equal priority by code, so every instance chooses the same', () => {
    const tied = [stock('b-wh', 1, 'BAND', 5), stock('a-wh', 1, 'BAND', 5)];
    expect(allocateLine({ sku: 'BAND', quantity: 1 }, tied)?.[0]?.location).toBe('a-wh');
  });

  it('is undefined when the locations together have too little, and ignores other SKUs', () => {
    expect(allocateLine({ sku: 'BAND', quantity: 24 }, band)).toBeUndefined();
    expect(allocateLine({ sku: 'PLUSH', quantity: 1 }, band)).toBeUndefined();
  });
});

describe('allocate', () => {
  const candidates = [stock('us-east', 1, 'BAND', 5), stock('us-east', 1, 'PLUSH', 2), stock('us-west', 2, 'PLUSH', 1)];

  it('allocates every line when every line can be filled', () => {
    const { allocations, shortages } = allocate(
      [
        { sku: 'PLUSH', quantity: 3 },
        { sku: 'BAND', quantity: 5 },
      ],
      candidates,
    );
    expect(shortages).toEqual([]);
    expect(allocations).toEqual([
      { sku: 'BAND', location: 'us-east', quantity: 5 },
      { sku: 'PLUSH', location: 'us-east', quantity: 2 },
      { sku: 'PLUSH', location: 'us-west', quantity: 1 },
    ]);
  });

  it('allocates nothing when one line is short, and names every short SKU with what is available', () => {
    const { allocations, shortages } = allocate(
      [
        { sku: 'BAND', quantity: 6 },
        { sku: 'PLUSH', quantity: 1 },
        { sku: 'GONE', quantity: 1 },
      ],
      candidates,
    );
    expect(allocations).toEqual([]);
    expect(shortages).toEqual([
      { sku: 'BAND', requested: 6, available: 5, line: 0 },
      { sku: 'GONE', requested: 1, available: 0, line: 2 },
    ]);
  });

  it('adds up lines of the same SKU before allocating', () => {
    const { shortages } = allocate(
      [
        { sku: 'BAND', quantity: 3 },
        { sku: 'BAND', quantity: 3 },
      ],
      candidates,
    );
    expect(shortages).toEqual([{ sku: 'BAND', requested: 6, available: 5, line: 0 }]);
  });
});

describe('mergeLines', () => {
  it('sorts by SKU, so every reservation locks stock rows in one order', () => {
    expect(
      mergeLines([
        { sku: 'C', quantity: 1 },
        { sku: 'A', quantity: 2 },
        { sku: 'C', quantity: 4 },
      ]),
    ).toEqual([
      { sku: 'A', quantity: 2, line: 1 },
      { sku: 'C', quantity: 5, line: 0 },
    ]);
  });
});

describe('lineIssues', () => {
  it('accepts whole positive quantities', () => {
    expect(lineIssues([{ sku: 'BAND', quantity: 1 }])).toEqual([]);
  });

  it('refuses no lines, empty SKUs and quantities that are not whole and positive, naming each line', () => {
    expect(lineIssues([])).toEqual([{ field: 'lines', message: 'must name at least one SKU' }]);
    expect(
      lineIssues([
        { sku: '', quantity: 1 },
        { sku: 'BAND', quantity: 0 },
        { sku: 'BAND', quantity: 1.5 },
        { sku: 'BAND', quantity: -2 },
      ]).map((i) => i.field),
    ).toEqual(['lines.0.sku', 'lines.1.quantity', 'lines.2.quantity', 'lines.3.quantity']);
  });
});
