import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdmissionEngine, AdmissionResult, AdmitRequest } from '../../src/modules/flashsale/index.js';
import type { SaleTerms } from '../../src/modules/flashsale/sale.js';
import { flashSaleRegistrations, flashSales } from '../../src/modules/flashsale/tables.js';
import type { Database } from '../../src/platform/database/index.js';
import { startTestApp, type TestApp } from '../support/app.js';

// The one contract every admission engine keeps (src/modules/flashsale/engine.ts). A test file
// per engine calls describeAdmissionEngine with a way to make that engine on the test database.

export type MakeEngine = (db: Database) => Promise<AdmissionEngine>;

const START = new Date('2026-11-24T12:00:00Z');
const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export function describeAdmissionEngine(label: string, make: MakeEngine): void {
  describe(`admission engine contract: ${label}`, () => {
    let app: TestApp;
    let engine: AdmissionEngine;
    let db: Database;
    beforeAll(async () => {
      app = await startTestApp({ listen: false });
      db = app.platform.database.db;
      engine = await make(db);
    });
    afterAll(async () => {
      await engine?.close();
      await app?.close();
    });

    /** A sale on the demo's power bank in the US; the engine is told its terms. */
    async function sale(terms: Partial<SaleTerms> = {}): Promise<SaleTerms> {
      const sale: SaleTerms = {
        id: randomUUID(),
        quantity: 5,
        startsAt: START,
        endsAt: at(3600),
        perCustomerLimit: 1,
        registrationRequired: false,
        paymentWindowSeconds: 300,
        ...terms,
      };
      await db.insert(flashSales).values({
        ...sale,
        marketCode: 'US',
        sku: 'MIPB10K-SLV',
        locationCode: 'us-nj',
        price: 1999,
        createdAt: START,
        updatedAt: START,
      });
      await engine.prepare(sale);
      return sale;
    }

    const admit = (s: SaleTerms, email: string, more: Partial<AdmitRequest> = {}) =>
      engine.admit({ sale: s, email, admissionId: randomUUID(), at: at(1), ...more });
    const admitted = (results: AdmissionResult[]) => results.filter((r) => r.admitted);
    const refusals = (results: AdmissionResult[], kind: string) =>
      results.filter((r) => !r.admitted && r.refusal.kind === kind);

    it('admits up to the quantity, then refuses as sold out, and the counts add up', async () => {
      const s = await sale({ quantity: 3 });
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await admit(s, `buyer${i}@example.com`));
      expect(admitted(results)).toHaveLength(3);
      expect(refusals(results, 'sold-out')).toHaveLength(2);
      expect(await engine.counts(s)).toEqual({ quantity: 3, held: 3, sold: 0, remaining: 0 });
    });

    it('admits exactly the quantity out of many concurrent buyers', async () => {
      const s = await sale({ quantity: 25 });
      const results = await Promise.all(Array.from({ length: 120 }, (_, i) => admit(s, `rush${i % 80}@example.com`)));
      expect(admitted(results)).toHaveLength(25);
      const buyers = admitted(results).map((r) => (r.admitted ? r.admission.email : ''));
      expect(new Set(buyers).size).toBe(25);
      expect(await engine.counts(s)).toEqual({ quantity: 25, held: 25, sold: 0, remaining: 0 });
    });

    it("holds one buyer's limit under concurrent attempts", async () => {
      const s = await sale({ quantity: 10, perCustomerLimit: 2 });
      const results = await Promise.all(Array.from({ length: 12 }, () => admit(s, 'greedy@example.com')));
      expect(admitted(results)).toHaveLength(2);
      expect(refusals(results, 'limit')).toHaveLength(10);
      expect((await engine.counts(s)).held).toBe(2);
    });

    it('gives the same admission to a retry with the same Idempotency-Key, even concurrently', async () => {
      const s = await sale({ quantity: 5, perCustomerLimit: 3 });
      const first = await admit(s, 'retry@example.com', { idempotencyKey: 'key-1' });
      const again = await admit(s, 'retry@example.com', { idempotencyKey: 'key-1' });
      expect(first.admitted && again.admitted && again.admission.id === first.admission.id).toBe(true);
      const racing = await Promise.all(
        Array.from({ length: 6 }, () => admit(s, 'retry@example.com', { idempotencyKey: 'key-2' })),
      );
      const ids = new Set(racing.map((r) => (r.admitted ? r.admission.id : 'refused')));
      expect([...ids]).toHaveLength(1);
      expect(ids.has('refused')).toBe(false);
      expect((await engine.counts(s)).held).toBe(2);
    });

    it('still gives a keyed admission to its retry once sold out, and lists the keys admitted', async () => {
      const s = await sale({ quantity: 2 });
      const ana = await admit(s, 'ana@example.com', { idempotencyKey: 'ana-1' });
      await admit(s, 'bo@example.com');
      const late = await admit(s, 'cy@example.com', { idempotencyKey: 'cy-1' });
      expect(late).toEqual({ admitted: false, refusal: { kind: 'sold-out' } });
      const retry = await admit(s, 'ana@example.com', { idempotencyKey: 'ana-1' });
      expect(retry.admitted && ana.admitted && retry.admission.id === ana.admission.id).toBe(true);
      // A key is a buyer's own: another buyer with the same key is a new attempt.
      expect(await admit(s, 'di@example.com', { idempotencyKey: 'ana-1' })).toEqual({
        admitted: false,
        refusal: { kind: 'sold-out' },
      });
      expect(await engine.admittedKeys(s.id)).toEqual(new Set(['ana-1']));
      expect(await engine.admittedKeys((await sale()).id)).toEqual(new Set());
    });

    it('admits only verified registrations when the sale requires them', async () => {
      const s = await sale({ registrationRequired: true });
      await db.insert(flashSaleRegistrations).values([
        {
          saleId: s.id,
          email: 'verified@example.com',
          tokenHash: hash('verified-token-0123'),
          createdAt: START,
          verifiedAt: START,
        },
        { saleId: s.id, email: 'pending@example.com', tokenHash: hash('pending-token-01234'), createdAt: START },
      ]);
      await engine.registered(s.id, 'verified@example.com', hash('verified-token-0123'));
      const refused = [
        await admit(s, 'stranger@example.com'),
        await admit(s, 'pending@example.com', { registrationHash: hash('pending-token-01234') }),
        await admit(s, 'verified@example.com', { registrationHash: hash('someone-elses-token') }),
      ];
      expect(refusals(refused, 'not-registered')).toHaveLength(3);
      const ok = await admit(s, 'verified@example.com', { registrationHash: hash('verified-token-0123') });
      expect(ok.admitted).toBe(true);
    });

    it('counts a paid hold as sold, once, and returns expired holds to the pool and to their buyer', async () => {
      const s = await sale({ quantity: 2, paymentWindowSeconds: 60 });
      const a = await admit(s, 'payer@example.com');
      const b = await admit(s, 'late@example.com');
      if (!a.admitted || !b.admitted) throw new Error('both should be admitted');
      const order = randomUUID();
      expect(await engine.settle(s.id, a.admission.id, order, at(30))).toBe(true);
      expect(await engine.settle(s.id, a.admission.id, order, at(31))).toBe(true);
      expect(await engine.counts(s)).toEqual({ quantity: 2, held: 1, sold: 1, remaining: 0 });

      // Past the window, before any expiry ran: too late all the same.
      expect(await engine.settle(s.id, b.admission.id, randomUUID(), at(61))).toBe(false);
      expect(await engine.expire(at(60))).toBe(0);
      expect(await engine.expire(at(62))).toBeGreaterThanOrEqual(1);
      expect(await engine.counts(s)).toEqual({ quantity: 2, held: 0, sold: 1, remaining: 1 });
      // Paying after the hold expired is refused: the unit may already be someone else's.
      expect(await engine.settle(s.id, b.admission.id, randomUUID(), at(63))).toBe(false);
      // The late buyer may try again, and gets the unit back.
      expect((await admit(s, 'late@example.com', { at: at(64) })).admitted).toBe(true);
    });

    it('keeps sold + held + remaining = quantity through any run of attempts, payments and expiries', async () => {
      const Op = fc.oneof(
        fc.record({ kind: fc.constant('admit' as const), buyer: fc.integer({ min: 0, max: 5 }) }),
        fc.record({ kind: fc.constant('pay' as const), pick: fc.nat() }),
        fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 40 }) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(Op, { minLength: 1, maxLength: 25 }), async (ops) => {
          const s = await sale({ quantity: 4, perCustomerLimit: 2, paymentWindowSeconds: 60 });
          let clock = 1;
          const held: Array<{ id: string; until: number }> = [];
          let sold = 0;
          for (const op of ops) {
            if (op.kind === 'admit') {
              const r = await admit(s, `p${op.buyer}@example.com`, { at: at(clock) });
              if (r.admitted) held.push({ id: r.admission.id, until: clock + 60 });
            } else if (op.kind === 'pay' && held.length > 0) {
              const [h] = held.splice(op.pick % held.length, 1);
              if (await engine.settle(s.id, h!.id, randomUUID(), at(clock))) sold++;
            } else if (op.kind === 'wait') {
              clock += op.seconds;
              await engine.expire(at(clock));
              for (let i = held.length - 1; i >= 0; i--) if (held[i]!.until <= clock) held.splice(i, 1);
            }
            const counts = await engine.counts(s);
            expect(counts.sold + counts.held + counts.remaining).toBe(4);
            expect(counts.sold).toBe(sold);
            expect(counts.held).toBe(held.length);
          }
        }),
        { numRuns: 15 },
      );
    });
  });
}
