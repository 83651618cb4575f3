import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlashSaleKeys, Handoff, RedisEngine } from '../../src/modules/flashsale/index.js';
import type { AdmissionRecord } from '../../src/modules/flashsale/redis-scripts.js';
import type { SaleTerms } from '../../src/modules/flashsale/sale.js';
import { flashSaleAdmissions, flashSaleBuyers, flashSales } from '../../src/modules/flashsale/tables.js';
import type { Database } from '../../src/platform/database/index.js';
import { describeAdmissionEngine } from '../contract/admission-engine.js';
import { startTestApp, type TestApp } from '../support/app.js';

// The Redis engine keeps the admission contract, and hands every admission to the database
// without loss, however many instances admit and consume. Runs when REDIS_URL is set.

const url = process.env.REDIS_URL;
const clients: Redis[] = [];
/** One client per app instance, as each instance has its own connection. */
const client = () => {
  const c = new Redis(url!);
  clients.push(c);
  return c;
};
const prefixes: string[] = [];
const prefix = () => {
  const p = `marketgate-test:${randomUUID()}:`;
  prefixes.push(p);
  return p;
};
afterAll(async () => {
  for (const p of prefixes) {
    const stale = await clients[0]?.keys(`${p}*`);
    if (stale?.length) await clients[0]!.del(...stale);
  }
  for (const c of clients) c.disconnect();
});

const START = new Date('2026-11-24T12:00:00Z');
const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);
const errors: unknown[] = [];
const log = { warn: () => {}, error: (...args: unknown[]) => errors.push(args) };

describe.runIf(Boolean(url))('the Redis admission engine', () => {
  describeAdmissionEngine('redis', async (db) => new RedisEngine(client(), db, prefix()));

  describe('hand-off to the database', () => {
    let app: TestApp;
    let db: Database;
    const consumers: Handoff[] = [];
    beforeAll(async () => {
      app = await startTestApp({ listen: false });
      db = app.platform.database.db;
    });
    afterAll(async () => {
      await Promise.all(consumers.map((c) => c.stop()));
      await app?.close();
    });

    /** N instances on one Redis prefix: an engine and a hand-off consumer each, with small batches. */
    function instances(n: number, keyPrefix = prefix(), options = { batch: 7, claimIdleMs: 300 }) {
      return Array.from({ length: n }, () => {
        const redis = client();
        const handoff = new Handoff(redis, db, new FlashSaleKeys(keyPrefix), log, options);
        consumers.push(handoff);
        return { engine: new RedisEngine(redis, db, keyPrefix), handoff, redis };
      });
    }

    async function sale(engines: RedisEngine[], terms: Partial<SaleTerms> = {}): Promise<SaleTerms> {
      const s: SaleTerms = {
        id: randomUUID(),
        quantity: 30,
        startsAt: START,
        endsAt: at(3600),
        perCustomerLimit: 2,
        registrationRequired: false,
        paymentWindowSeconds: 60,
        ...terms,
      };
      await db.insert(flashSales).values({
        ...s,
        marketCode: 'US',
        sku: 'MIPB10K-SLV',
        locationCode: 'us-nj',
        price: 1999,
        createdAt: START,
        updatedAt: START,
      });
      for (const engine of engines) await engine.prepare(s);
      return s;
    }

    /** Redis's view of the sale: counters, buyers and every admission record. */
    async function inRedis(redis: Redis, keys: FlashSaleKeys, saleId: string) {
      const k = keys.sale(saleId);
      const [held, sold] = await redis.hmget(k.terms, 'held', 'sold');
      const records = Object.entries(await redis.hgetall(k.admissions)).map(([id, raw]) => {
        const r = JSON.parse(raw) as AdmissionRecord;
        return { id, email: r.e, state: r.s, orderId: r.o || null };
      });
      const buyers = Object.entries(await redis.hgetall(k.buyers)).map(([email, n]) => ({
        email,
        admitted: Number(n),
      }));
      return { held: Number(held), sold: Number(sold), records, buyers };
    }

    async function inDatabase(saleId: string) {
      const [row] = await db.select().from(flashSales).where(eq(flashSales.id, saleId));
      const records = await db
        .select({
          id: flashSaleAdmissions.id,
          email: flashSaleAdmissions.email,
          state: flashSaleAdmissions.state,
          orderId: flashSaleAdmissions.orderId,
        })
        .from(flashSaleAdmissions)
        .where(eq(flashSaleAdmissions.saleId, saleId));
      const buyers = await db
        .select({ email: flashSaleBuyers.email, admitted: flashSaleBuyers.admitted })
        .from(flashSaleBuyers)
        .where(eq(flashSaleBuyers.saleId, saleId));
      return { held: row!.held, sold: row!.sold, records, buyers: buyers.filter((b) => b.admitted > 0) };
    }

    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    const byEmail = <T extends { email: string }>(rows: T[]) =>
      [...rows].sort((a, b) => a.email.localeCompare(b.email));

    it('two instances sharing one sale never admit more than its quantity between them', async () => {
      const [a, b] = instances(2);
      const s = await sale([a!.engine, b!.engine], { quantity: 25, perCustomerLimit: 1 });
      const results = await Promise.all(
        Array.from({ length: 160 }, (_, i) =>
          (i % 2 ? a! : b!).engine.admit({
            sale: s,
            email: `rush${i % 90}@example.com`,
            admissionId: randomUUID(),
            at: at(1),
          }),
        ),
      );
      const admitted = results.filter((r) => r.admitted);
      expect(admitted).toHaveLength(25);
      expect(new Set(admitted.map((r) => r.admitted && r.admission.email)).size).toBe(25);
      expect(await a!.engine.counts(s)).toEqual({ quantity: 25, held: 25, sold: 0, remaining: 0 });
      expect(await b!.engine.counts(s)).toEqual({ quantity: 25, held: 25, sold: 0, remaining: 0 });
    });

    it('after a rush over two instances, the database holds exactly what Redis admitted, paid and expired', async () => {
      const keyPrefix = prefix();
      const [a, b] = instances(2, keyPrefix);
      a!.handoff.start();
      b!.handoff.start();
      const s = await sale([a!.engine, b!.engine], { quantity: 30, perCustomerLimit: 2 });
      const engine = (i: number) => (i % 2 ? a! : b!).engine;
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          engine(i).admit({
            sale: s,
            email: `buyer${i % 40}@example.com`,
            // Some buyers retry with the same key: one admission each.
            idempotencyKey: i % 3 === 0 ? `key-${i % 40}` : undefined,
            admissionId: randomUUID(),
            at: at(1 + (i % 20)),
          }),
        ),
      );
      const admitted = results.flatMap((r) => (r.admitted ? [r.admission] : []));
      const unique = [...new Map(admitted.map((x) => [x.id, x])).values()];
      expect(unique).toHaveLength(30);

      // A third of the holders pay; later the rest expire, and their units go to new buyers.
      for (const [i, x] of unique.entries()) {
        if (i % 3 === 0) expect(await engine(i).settle(s.id, x.id, randomUUID(), at(30))).toBe(true);
      }
      expect(await a!.engine.expire(at(200))).toBe(20);
      const late = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          engine(i).admit({ sale: s, email: `late${i}@example.com`, admissionId: randomUUID(), at: at(201) }),
        ),
      );
      expect(late.filter((r) => r.admitted)).toHaveLength(20);

      expect(await a!.handoff.drained(20_000)).toBe(true);
      const redis = await inRedis(a!.redis, new FlashSaleKeys(keyPrefix), s.id);
      const database = await inDatabase(s.id);
      expect({ held: database.held, sold: database.sold }).toEqual({ held: 20, sold: 10 });
      expect({ held: redis.held, sold: redis.sold }).toEqual({ held: 20, sold: 10 });
      expect(byId(database.records)).toEqual(byId(redis.records));
      expect(database.records).toHaveLength(50);
      expect(byEmail(database.buyers)).toEqual(byEmail(redis.buyers));
      expect(errors).toEqual([]);
    });

    it('takes over the entries a dead consumer read and never acknowledged', async () => {
      const keyPrefix = prefix();
      const keys = new FlashSaleKeys(keyPrefix);
      const redis = client();
      const engine = new RedisEngine(redis, db, keyPrefix);
      const s = await sale([engine], { quantity: 5 });
      const stream = keys.sale(s.id).stream;
      await redis.xgroup('CREATE', stream, 'database', '0', 'MKSTREAM');
      for (let i = 0; i < 5; i++) {
        await engine.admit({ sale: s, email: `early${i}@example.com`, admissionId: randomUUID(), at: at(1) });
      }
      // A consumer reads everything, then dies (SIGKILL) before applying any of it.
      const read = await redis.call('XREADGROUP', 'GROUP', 'database', 'dead', 'COUNT', 100, 'STREAMS', stream, '>');
      expect(JSON.stringify(read)).toContain('early4@example.com');

      const [survivor] = instances(1, keyPrefix, { batch: 100, claimIdleMs: 200 });
      survivor!.handoff.start();
      expect(await survivor!.handoff.drained(10_000)).toBe(true);
      expect((await inDatabase(s.id)).records).toHaveLength(5);
      expect((await inDatabase(s.id)).held).toBe(5);
    });

    it('never resets the counters on a restart or a new prepare, and rebuilds lost keys from the database', async () => {
      const keyPrefix = prefix();
      const [one] = instances(1, keyPrefix);
      one!.handoff.start();
      const engine = one!.engine;
      const s = await sale([engine], { quantity: 4, perCustomerLimit: 1 });
      const admit = (email: string, key?: string) =>
        engine.admit({ sale: s, email, idempotencyKey: key, admissionId: randomUUID(), at: at(1) });
      const first = await admit('first@example.com', 'k1');
      await admit('second@example.com');
      await admit('third@example.com');
      if (!first.admitted) throw new Error('first should be admitted');
      const order = randomUUID();
      expect(await engine.settle(s.id, first.admission.id, order, at(2))).toBe(true);

      // Another instance starts and prepares the sale again: nothing resets.
      const restarted = new RedisEngine(client(), db, keyPrefix);
      await restarted.prepare(s);
      expect(await restarted.counts(s)).toEqual({ quantity: 4, held: 2, sold: 1, remaining: 1 });

      // Redis lost the sale's keys after the hand-off: they come back from the database.
      expect(await one!.handoff.drained(10_000)).toBe(true);
      const k = new FlashSaleKeys(keyPrefix).sale(s.id);
      await one!.redis.del(k.terms, k.buyers, k.keys, k.admissions, k.registrations);
      expect(await restarted.counts(s)).toEqual({ quantity: 4, held: 2, sold: 1, remaining: 1 });
      const again = await restarted.admit({
        sale: s,
        email: 'first@example.com',
        idempotencyKey: 'k1',
        admissionId: randomUUID(),
        at: at(3),
      });
      expect(again.admitted && again.admission.id).toBe(first.admission.id);
      expect(await restarted.settle(s.id, first.admission.id, order, at(3))).toBe(true);
      const refused = await restarted.admit({
        sale: s,
        email: 'second@example.com',
        admissionId: randomUUID(),
        at: at(3),
      });
      expect(refused).toEqual({ admitted: false, refusal: { kind: 'limit', limit: 1 } });
      // The holds came back too: they still expire, and the units return.
      expect(await restarted.expire(at(120))).toBe(2);
      expect(await restarted.counts(s)).toEqual({ quantity: 4, held: 0, sold: 1, remaining: 3 });
      expect(await one!.handoff.drained(10_000)).toBe(true);
      expect(await inDatabase(s.id)).toMatchObject({ held: 0, sold: 1 });
    });
  });
});
