import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryService } from '../../src/modules/inventory/index.js';
import { manualClock } from '../../src/platform/clock.js';
import type { Database } from '../../src/platform/database/index.js';
import { ConflictError, InsufficientStockError, NotFoundError, ValidationError } from '../../src/platform/errors.js';
import { bandInput } from '../fixtures/catalog.js';
import { DEMO_DAY, startTestApp, type TestApp } from '../support/app.js';

// Inventory on the demo scenario: stock per location, reservations made the way checkout makes
// them (the service, inside a transaction of the caller's), and the staff API. On PostgreSQL
// the concurrent cases are truly concurrent, through the connection pool.

const clock = manualClock(DEMO_DAY);
let t: TestApp;
let inventory: InventoryService;
let db: Database;

beforeAll(async () => {
  t = await startTestApp({ listen: false, clock });
  inventory = t.platform.services.inventory;
  db = t.platform.database.db;
});
afterAll(() => t.close());

let products = 0;
/** A new product whose one SKU has this much on hand at the US warehouse (which serves US and CA). */
async function stockedSku(onHand: number): Promise<string> {
  products++;
  const sku = `TB-INV-${products}`;
  await t.platform.services.catalog.createProduct(
    bandInput({ slug: `inventory-band-${products}`, variants: [{ sku, name: 'Black' }] }),
  );
  await inventory.setOnHand('us-nj', sku, onHand);
  return sku;
}

const inMinutes = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000);

function reserve(reference: string, lines: Array<{ sku: string; quantity: number }>, expiresAt = inMinutes(15)) {
  return db.transaction((tx) => inventory.reserve(tx, { reference, marketCode: 'US', lines, expiresAt }));
}

async function level(sku: string, location = 'us-nj') {
  const { levels } = await inventory.stock({ sku });
  return levels.find((l) => l.location === location)!;
}

describe('demo stock', () => {
  it('stocks every demo SKU in some location, and the blue Mi Band with only 5 units for the US launch', async () => {
    const { levels } = await inventory.stock({});
    const skus = new Set(levels.map((l) => l.sku));
    const products = await t.platform.services.catalog.listProducts();
    expect([...skus].sort()).toEqual(products.flatMap((p) => p.variants.map((v) => v.sku)).sort());
    expect(await inventory.available('US', ['MIBAND-BLU', 'MIBAND-BLK'])).toEqual(
      new Map([
        ['MIBAND-BLU', 5],
        ['MIBAND-BLK', 200],
      ]),
    );
  });

  it('counts the stock of every location serving the market, and none of the others', async () => {
    expect((await inventory.available('ca', ['MIBAND-BLU'])).get('MIBAND-BLU')).toBe(5);
    expect((await inventory.available('UK', ['MIBAND-BLU'])).get('MIBAND-BLU')).toBe(120);
    expect((await inventory.available('US', ['MI4-16GB-BLK', 'NO-SUCH-SKU'])).get('MI4-16GB-BLK')).toBe(0);
    expect((await inventory.available('US', ['NO-SUCH-SKU'])).get('NO-SUCH-SKU')).toBe(0);
  });
});

describe('reservations', () => {
  it('lets exactly 5 of 50 concurrent checkouts reserve the last 5 units, and refuses the other 45', async () => {
    const sku = await stockedSku(5);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => reserve(`rush-${i}`, [{ sku, quantity: 1 }])),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(won).toHaveLength(5);
    expect(lost).toHaveLength(45);
    for (const error of lost) {
      expect(error).toBeInstanceOf(InsufficientStockError);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.status).toBe(409);
      expect(error.shortages).toEqual([{ sku, requested: 1, available: 0, line: 0 }]);
      expect(error.message).toContain(sku);
    }
    expect(await level(sku)).toMatchObject({ onHand: 5, reserved: 5, available: 0 });
    expect((await inventory.available('US', [sku])).get(sku)).toBe(0);
  });

  it('reserves all lines or none, naming every SKU short of stock and how many are available', async () => {
    const plenty = await stockedSku(5);
    const scarce = await stockedSku(1);
    const attempt = reserve('all-or-nothing', [
      { sku: plenty, quantity: 2 },
      { sku: scarce, quantity: 2 },
    ]);
    await expect(attempt).rejects.toThrow(InsufficientStockError);
    await expect(attempt).rejects.toMatchObject({
      errors: [{ field: 'lines.1.quantity', message: `${scarce}: 2 requested, 1 available` }],
    });
    expect(await level(plenty)).toMatchObject({ reserved: 0, available: 5 });
    expect(await inventory.reservationsOf('all-or-nothing')).toEqual([]);
  });

  it('never deadlocks when concurrent checkouts name the same SKUs in opposite orders', async () => {
    const a = await stockedSku(100);
    const b = await stockedSku(100);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        reserve(
          `crossed-${i}`,
          i % 2
            ? [
                { sku: a, quantity: 1 },
                { sku: b, quantity: 1 },
              ]
            : [
                { sku: b, quantity: 1 },
                { sku: a, quantity: 1 },
              ],
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await level(a)).toMatchObject({ reserved: 20 });
    expect(await level(b)).toMatchObject({ reserved: 20 });
  });

  it('takes a line from several locations when no single one can fill it', async () => {
    const sku = await stockedSku(2);
    await inventory.createLocation({ code: 'us-overflow', name: 'US overflow', priority: 20, markets: ['US'] });
    await inventory.setOnHand('us-overflow', sku, 3);
    const lines = await reserve('split', [{ sku, quantity: 4 }]);
    expect(lines.map((l) => [l.location, l.quantity])).toEqual([
      ['us-nj', 2],
      ['us-overflow', 2],
    ]);
    await db.transaction((tx) => inventory.release(tx, 'split', 'cancelled'));
    await inventory.setOnHand('us-overflow', sku, 0);
    await inventory.deleteLocation('us-overflow');
  });

  it('is refused by the database when anything sets reserved above on hand or on hand below zero', async () => {
    const sku = await stockedSku(3);
    await expect(
      db.execute(sql`update stock_levels set reserved = on_hand + 1 where location_code = 'us-nj' and sku = ${sku}`),
    ).rejects.toThrow();
    await expect(
      db.execute(sql`update stock_levels set on_hand = -1 where location_code = 'us-nj' and sku = ${sku}`),
    ).rejects.toThrow();
    expect(await level(sku)).toMatchObject({ onHand: 3, reserved: 0 });
  });

  it('commits a paid reservation: its units leave on hand and reserved; committing again changes nothing', async () => {
    const sku = await stockedSku(10);
    await reserve('paid', [{ sku, quantity: 3 }]);
    expect(await level(sku)).toMatchObject({ onHand: 10, reserved: 3, available: 7 });
    await db.transaction((tx) => inventory.commit(tx, 'paid'));
    expect(await level(sku)).toMatchObject({ onHand: 7, reserved: 0, available: 7 });
    await db.transaction((tx) => inventory.commit(tx, 'paid'));
    expect(await level(sku)).toMatchObject({ onHand: 7, reserved: 0 });
    expect((await inventory.reservationsOf('paid'))[0]).toMatchObject({ state: 'committed', quantity: 3 });
    await expect(db.transaction((tx) => inventory.release(tx, 'paid', 'cancelled'))).rejects.toThrow(ConflictError);
    await expect(db.transaction((tx) => inventory.commit(tx, 'never-reserved'))).rejects.toThrow(NotFoundError);
  });

  it('releases a cancelled reservation: its units are available again, once, and it cannot be committed', async () => {
    const sku = await stockedSku(4);
    await reserve('cancelled', [{ sku, quantity: 4 }]);
    expect(await level(sku)).toMatchObject({ available: 0 });
    await db.transaction((tx) => inventory.release(tx, 'cancelled', 'cancelled'));
    await db.transaction((tx) => inventory.release(tx, 'cancelled', 'cancelled'));
    expect(await level(sku)).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
    expect((await inventory.reservationsOf('cancelled'))[0]).toMatchObject({
      state: 'released',
      releaseReason: 'cancelled',
    });
    await expect(db.transaction((tx) => inventory.commit(tx, 'cancelled'))).rejects.toThrow(/released \(cancelled\)/);
  });

  it('undoes a reservation with the caller transaction that made it', async () => {
    const sku = await stockedSku(2);
    await expect(
      db.transaction(async (tx) => {
        await inventory.reserve(tx, {
          reference: 'order-that-failed',
          marketCode: 'US',
          lines: [{ sku, quantity: 2 }],
          expiresAt: inMinutes(15),
        });
        throw new Error('the order could not be saved');
      }),
    ).rejects.toThrow('the order could not be saved');
    expect(await level(sku)).toMatchObject({ reserved: 0, available: 2 });
  });

  it('refuses bad requests, naming the field, and a second reservation under one reference', async () => {
    const sku = await stockedSku(5);
    await expect(reserve('bad', [{ sku, quantity: 0 }])).rejects.toMatchObject({
      errors: [{ field: 'lines.0.quantity' }],
    });
    await expect(reserve('bad', [{ sku, quantity: 1 }], inMinutes(-1))).rejects.toThrow(ValidationError);
    await expect(reserve('', [{ sku, quantity: 1 }])).rejects.toMatchObject({ errors: [{ field: 'reference' }] });
    await reserve('once', [{ sku, quantity: 1 }]);
    await expect(reserve('once', [{ sku, quantity: 1 }])).rejects.toMatchObject({
      status: 409,
      errors: [{ field: 'reference' }],
    });
    expect(await level(sku)).toMatchObject({ reserved: 1 });
  });
});

describe('expiry', () => {
  it('gives the stock back after the TTL, and refuses to commit it from that instant', async () => {
    clock.set(DEMO_DAY);
    const sku = await stockedSku(1);
    const [line] = await db.transaction((tx) =>
      inventory.reserve(tx, {
        reference: 'unpaid',
        marketCode: 'US',
        lines: [{ sku, quantity: 1 }],
        expiresAt: inventory.reservationExpiry(),
      }),
    );
    expect(line!.expiresAt).toEqual(new Date(new Date(DEMO_DAY).getTime() + 15 * 60_000));

    clock.advance(14 * 60_000);
    expect(await inventory.releaseExpired(clock.now())).not.toContain('unpaid');
    expect(await level(sku)).toMatchObject({ available: 0 });

    clock.advance(60_000);
    await expect(db.transaction((tx) => inventory.commit(tx, 'unpaid'))).rejects.toThrow(/expired at/);
    expect(await inventory.releaseExpired(clock.now())).toContain('unpaid');
    expect(await level(sku)).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
    expect((await inventory.reservationsOf('unpaid'))[0]).toMatchObject({
      state: 'released',
      releaseReason: 'expired',
      settledAt: clock.now(),
    });
    expect(await inventory.releaseExpired(clock.now())).toEqual([]);
    clock.set(DEMO_DAY);
  });

  it('releases each expired reservation once when two instances run the job at the same moment', async () => {
    const sku = await stockedSku(30);
    const references = Array.from({ length: 12 }, (_, i) => `stale-${i}`);
    for (const reference of references) await reserve(reference, [{ sku, quantity: 2 }], inMinutes(1));
    expect(await level(sku)).toMatchObject({ reserved: 24 });

    const later = inMinutes(2);
    const [first, second] = await Promise.all([inventory.releaseExpired(later), inventory.releaseExpired(later)]);
    const released = [...first!, ...second!];
    expect(released.filter((r) => r.startsWith('stale-')).sort()).toEqual([...references].sort());
    expect(new Set(released).size).toBe(released.length);
    expect(await level(sku)).toMatchObject({ onHand: 30, reserved: 0 });
  });

  it('releases nothing when the callback that cancels the orders fails, and tries again next time', async () => {
    const sku = await stockedSku(2);
    await reserve('cancel-fails', [{ sku, quantity: 2 }], inMinutes(1));
    const later = inMinutes(2);
    await expect(
      inventory.releaseExpired(later, async () => {
        throw new Error('orders unavailable');
      }),
    ).rejects.toThrow('orders unavailable');
    expect(await level(sku)).toMatchObject({ reserved: 2 });

    const seen: string[][] = [];
    const released = await inventory.releaseExpired(later, async (tx, refs) => {
      // Runs inside the release: it sees the stock already back.
      const [row] = (
        (await tx.execute(sql`select reserved from stock_levels where sku = ${sku}`)) as unknown as {
          rows: Array<{ reserved: number }>;
        }
      ).rows;
      expect(row!.reserved).toBe(0);
      seen.push(refs);
    });
    expect(released).toContain('cancel-fails');
    expect(seen.flat()).toContain('cancel-fails');
  });
});

describe('storefront', () => {
  it('shows on the product page how many of each variant can be bought, capped at 10', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/store/markets/US/products/mi-band', headers: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json().stock).toEqual([
      { sku: 'MIBAND-BLK', inStock: true, available: 10 },
      { sku: 'MIBAND-BLU', inStock: true, available: 5 },
    ]);
  });

  it('shows nothing to buy where the product is not sold', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/store/markets/US/products/mi-4', headers: {} });
    expect(res.json().availability.sellable).toBe(false);
    expect(res.json().stock.every((s: { inStock: boolean }) => !s.inStock)).toBe(true);
  });
});

describe('staff API', () => {
  const problem = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => {
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    return res.json() as { status: number; detail: string; errors?: Array<{ field: string; message: string }> };
  };

  it('lists the demo locations by priority with the markets each serves', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/admin/locations' });
    expect(res.statusCode).toBe(200);
    expect(res.json().locations).toEqual(
      expect.arrayContaining([
        { code: 'us-nj', name: 'US warehouse (Edison, New Jersey)', priority: 10, markets: ['CA', 'US'] },
        expect.objectContaining({ code: 'eu-nl', markets: ['EU', 'UK'] }),
        expect.objectContaining({ code: 'asia-sg', markets: ['AU', 'CN', 'IN', 'JP', 'KR'] }),
      ]),
    );
  });

  it('creates, changes and deletes a location; refuses unknown markets, bad codes and duplicates', async () => {
    const bad = await t.inject({
      method: 'POST',
      url: '/api/admin/locations',
      payload: { code: 'Bad Code', name: 'X', markets: ['US'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).errors?.map((e) => e.field)).toEqual(['code']);

    const unknown = await t.inject({
      method: 'POST',
      url: '/api/admin/locations',
      payload: { code: 'mx-wh', name: 'Mexico', markets: ['US', 'MX'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(problem(unknown).errors).toEqual([{ field: 'markets.1', message: expect.stringContaining('"MX"') }]);

    const created = await t.inject({
      method: 'POST',
      url: '/api/admin/locations',
      payload: { code: 'ca-wh', name: 'Canada warehouse', markets: ['ca'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ code: 'ca-wh', name: 'Canada warehouse', priority: 0, markets: ['CA'] });

    const twice = await t.inject({
      method: 'POST',
      url: '/api/admin/locations',
      payload: { code: 'ca-wh', name: 'Again', markets: [] },
    });
    expect(twice.statusCode).toBe(409);
    expect(problem(twice).errors?.[0]?.field).toBe('code');

    const patched = await t.inject({
      method: 'PATCH',
      url: '/api/admin/locations/ca-wh',
      payload: { priority: 5, markets: ['CA', 'US'] },
    });
    expect(patched.json()).toMatchObject({ priority: 5, markets: ['CA', 'US'] });

    await t.inject({ method: 'PUT', url: '/api/admin/inventory/ca-wh/MIBAND-BLK', payload: { onHand: 1 } });
    const holding = await t.inject({ method: 'DELETE', url: '/api/admin/locations/ca-wh' });
    expect(holding.statusCode).toBe(409);
    expect(problem(holding).detail).toContain('MIBAND-BLK');
    await t.inject({ method: 'PUT', url: '/api/admin/inventory/ca-wh/MIBAND-BLK', payload: { onHand: 0 } });
    expect((await t.inject({ method: 'DELETE', url: '/api/admin/locations/ca-wh' })).statusCode).toBe(204);
    expect((await t.inject({ method: 'GET', url: '/api/admin/locations/ca-wh' })).statusCode).toBe(404);
  });

  it('sets on hand, refusing negative counts (400) and counts below what is reserved (409), naming onHand', async () => {
    const sku = await stockedSku(5);
    await reserve('held-for-set', [{ sku, quantity: 3 }]);

    const negative = await t.inject({
      method: 'PUT',
      url: `/api/admin/inventory/us-nj/${sku}`,
      payload: { onHand: -1 },
    });
    expect(negative.statusCode).toBe(400);
    expect(problem(negative).errors?.map((e) => e.field)).toEqual(['onHand']);

    const below = await t.inject({ method: 'PUT', url: `/api/admin/inventory/us-nj/${sku}`, payload: { onHand: 2 } });
    expect(below.statusCode).toBe(409);
    expect(problem(below).errors).toEqual([
      { field: 'onHand', message: expect.stringContaining('3 that reservations hold') },
    ]);

    const set = await t.inject({ method: 'PUT', url: `/api/admin/inventory/us-nj/${sku}`, payload: { onHand: 8 } });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ location: 'us-nj', sku, onHand: 8, reserved: 3, available: 5 });

    expect(
      (await t.inject({ method: 'PUT', url: '/api/admin/inventory/us-nj/NO-SUCH-SKU', payload: { onHand: 1 } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'PUT', url: `/api/admin/inventory/nowhere/${sku}`, payload: { onHand: 1 } }))
        .statusCode,
    ).toBe(404);
  });

  it('adjusts on hand with a reason kept with the stock level, refusing 0 and what would go below reserved', async () => {
    const sku = await stockedSku(5);
    await reserve('held-for-adjust', [{ sku, quantity: 2 }]);
    const url = `/api/admin/inventory/us-nj/${sku}`;

    const zero = await t.inject({ method: 'POST', url: `${url}/adjust`, payload: { delta: 0, reason: 'nothing' } });
    expect(zero.statusCode).toBe(400);
    expect(problem(zero).errors?.[0]?.field).toBe('delta');

    const noReason = await t.inject({ method: 'POST', url: `${url}/adjust`, payload: { delta: 1 } });
    expect(noReason.statusCode).toBe(400);
    expect(problem(noReason).errors?.[0]?.field).toBe('reason');

    const tooMany = await t.inject({ method: 'POST', url: `${url}/adjust`, payload: { delta: -4, reason: 'broken' } });
    expect(tooMany.statusCode).toBe(409);
    expect(problem(tooMany).errors?.[0]?.field).toBe('delta');

    const delivered = await t.inject({
      method: 'POST',
      url: `${url}/adjust`,
      payload: { delta: 12, reason: 'delivery PO-1234' },
    });
    expect(delivered.json()).toMatchObject({ onHand: 17, reserved: 2, available: 15 });

    const detail = (await t.inject({ method: 'GET', url })).json();
    expect(detail.adjustments.map((a: { delta: number; reason: string }) => [a.delta, a.reason])).toEqual([
      [12, 'delivery PO-1234'],
      [5, 'stock count'],
    ]);
  });

  it('lists stock levels of the locations serving a market, with totals per SKU', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/admin/inventory?market=uk&sku=MIBAND-BLU' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      market: 'UK',
      levels: [{ location: 'eu-nl', sku: 'MIBAND-BLU', onHand: 120, reserved: 0, available: 120 }],
      totals: [{ sku: 'MIBAND-BLU', onHand: 120, reserved: 0, available: 120 }],
    });

    const unknown = await t.inject({ method: 'GET', url: '/api/admin/inventory?market=XX' });
    expect(unknown.statusCode).toBe(400);
    expect(problem(unknown).errors?.[0]?.field).toBe('market');
  });

  it('lets support staff see stock but not change it', async () => {
    const support = await t.tokenFor('support');
    expect((await t.inject({ method: 'GET', url: '/api/admin/inventory', headers: support })).statusCode).toBe(200);
    const put = await t.inject({
      method: 'PUT',
      url: '/api/admin/inventory/us-nj/MIBAND-BLK',
      payload: { onHand: 1 },
      headers: support,
    });
    expect(put.statusCode).toBe(403);
  });
});
