import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseEngine } from '../../src/modules/flashsale/index.js';
import type { SaleTerms } from '../../src/modules/flashsale/sale.js';
import { flashSales } from '../../src/modules/flashsale/tables.js';
import { startTestApp, type TestApp } from '../support/app.js';

// The database engine's transactions take a buyer's row before the sale's, all of them, so an
// admission and the expiry of the same buyer's hold queue instead of deadlocking. Only
// PostgreSQL runs transactions side by side (PGlite has one connection), so only it can show it.

const START = new Date('2026-11-24T12:00:00Z');
const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);

describe.runIf(Boolean(process.env.DATABASE_URL))('the database engine: lock order on PostgreSQL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ listen: false });
  });
  afterAll(() => app?.close());

  it("expires a buyer's hold while that buyer's next admission is under way, without a deadlock", async () => {
    const { db, pool } = app.platform.database;
    const engine = new DatabaseEngine(db);
    const sale: SaleTerms = {
      id: randomUUID(),
      quantity: 2,
      startsAt: START,
      endsAt: at(3600),
      perCustomerLimit: 2,
      registrationRequired: false,
      paymentWindowSeconds: 60,
    };
    await db.insert(flashSales).values({
      ...sale,
      marketCode: 'US',
      sku: 'MIPB10K-SLV',
      locationCode: 'us-nj',
      price: 999,
      createdAt: START,
      updatedAt: START,
    });
    const email = 'ana@example.com';
    expect((await engine.admit({ sale, email, admissionId: randomUUID(), at: at(1) })).admitted).toBe(true);

    // Ana's second admission, half done: it holds her buyer row, as admit's first statement does.
    const admission = await pool!.connect();
    try {
      await admission.query('begin');
      await admission.query('update flash_sale_buyers set admitted = admitted + 1 where sale_id = $1 and email = $2', [
        sale.id,
        email,
      ]);
      // Her first hold is due: the expiry starts, and waits for her row.
      // (A failure is kept as the value, so a deadlock shows in the assertion below.)
      const expiring = engine.expire(at(120)).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The admission goes on to the sale's row. Had the expiry taken the sale's row before the
      // buyer's, each would now wait for the other until PostgreSQL killed one.
      await admission.query('update flash_sales set held = held + 1 where id = $1', [sale.id]);
      await admission.query('rollback');
      expect(await expiring).toBe(1);
    } finally {
      admission.release();
    }
    expect(await engine.counts(sale)).toEqual({ quantity: 2, held: 0, sold: 0, remaining: 2 });
  });
});
