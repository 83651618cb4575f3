import { describe, expect, it } from 'vitest';
import { availableOf, SHELF_LIMIT, shelfStock, totalsBySku } from './stock.js';

describe('availableOf', () => {
  it('is on hand less reserved', () => {
    expect(availableOf({ onHand: 5, reserved: 2 })).toBe(3);
    expect(availableOf({ onHand: 5, reserved: 5 })).toBe(0);
  });
});

describe('totalsBySku', () => {
  it('adds up each SKU over its locations, sorted by SKU', () => {
    expect(
      totalsBySku([
        { sku: 'PLUSH', onHand: 4, reserved: 1 },
        { sku: 'BAND', onHand: 5, reserved: 5 },
        { sku: 'PLUSH', onHand: 2, reserved: 0 },
      ]),
    ).toEqual([
      { sku: 'BAND', onHand: 5, reserved: 5, available: 0 },
      { sku: 'PLUSH', onHand: 6, reserved: 1, available: 5 },
    ]);
  });
});

describe('shelfStock', () => {
  it('shows the count up to the shelf limit, and the limit beyond it', () => {
    expect(shelfStock(0)).toEqual({ inStock: false, available: 0 });
    expect(shelfStock(3)).toEqual({ inStock: true, available: 3 });
    expect(shelfStock(SHELF_LIMIT + 500)).toEqual({ inStock: true, available: SHELF_LIMIT });
  });
});
