import { and, eq, isNotNull } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Database } from '../../platform/database/index.js';
import type { AdmissionEngine, AdmissionResult, AdmitRequest } from './engine.js';
import { ADMIT, type AdmissionRecord, EXPIRE, FlashSaleKeys, PREPARE, SETTLE, SHARDS } from './redis-scripts.js';
import { type Counts, countsOf, type SaleTerms } from './sale.js';
import { flashSaleAdmissions, flashSaleBuyers, flashSaleRegistrations, flashSales } from './tables.js';

// Admission in Redis: each operation is one Lua script (sent once, then run by SHA), so many app
// instances share one sale and each attempt costs one round trip. Redis holds the sale's live
// state; every change is appended, in the same script, to the shard's hand-off stream, which the
// consumer (handoff.ts) applies to the database. The database therefore shows an admission a few
// milliseconds after Redis made it; settle and counts read Redis, never the database.
//
// Redis must keep what it is told: persistence on (AOF) and `maxmemory-policy noeviction`. Should a
// sale's keys be missing all the same, the next operation rebuilds them from the database.

interface Scripts {
  flashSaleAdmit(...args: string[]): Promise<string[]>;
  flashSaleSettle(...args: string[]): Promise<number>;
  flashSaleExpire(...args: string[]): Promise<number>;
  flashSalePrepare(...args: string[]): Promise<number>;
}

/** How many due holds one expiry script pops at most. */
const EXPIRE_BATCH = 500;

export class RedisEngine implements AdmissionEngine {
  readonly name = 'redis';
  readonly keys: FlashSaleKeys;
  private readonly scripts: Scripts;

  constructor(
    private readonly redis: Redis,
    private readonly db: Database,
    prefix: string,
  ) {
    this.keys = new FlashSaleKeys(prefix);
    redis.defineCommand('flashSaleAdmit', { numberOfKeys: 7, lua: ADMIT });
    redis.defineCommand('flashSaleSettle', { numberOfKeys: 4, lua: SETTLE });
    redis.defineCommand('flashSaleExpire', { numberOfKeys: 5, lua: EXPIRE });
    redis.defineCommand('flashSalePrepare', { numberOfKeys: 6, lua: PREPARE });
    this.scripts = redis as unknown as Scripts;
  }

  async prepare(sale: SaleTerms): Promise<void> {
    const k = this.keys.sale(sale.id);
    const keys = [k.terms, k.buyers, k.keys, k.registrations, k.admissions, k.holds];
    const terms = [
      sale.id,
      String(sale.quantity),
      String(sale.perCustomerLimit),
      String(sale.paymentWindowSeconds),
      sale.registrationRequired ? '1' : '0',
    ];
    if ((await this.scripts.flashSalePrepare(...keys, ...terms, '')) === -1) {
      // First sight of the sale (or its keys were lost): start from what the database has.
      await this.scripts.flashSalePrepare(...keys, ...terms, JSON.stringify(await this.stateInDatabase(sale.id)));
    }
  }

  async registered(saleId: string, email: string, tokenHash: string): Promise<void> {
    await this.redis.hset(this.keys.sale(saleId).registrations, email, tokenHash);
  }

  async admit(request: AdmitRequest): Promise<AdmissionResult> {
    const { sale, email } = request;
    let reply = await this.runAdmit(request);
    if (reply[0] === 'unprepared') {
      await this.prepare(sale);
      reply = await this.runAdmit(request);
    }
    // A registration verified while Redis missed it (the call failed, or the keys were rebuilt
    // since): the database has the last word, so a refusal is checked there once.
    if (reply[0] === 'not-registered' && request.registrationHash) {
      if (await this.verifiedInDatabase(sale.id, email, request.registrationHash)) {
        await this.registered(sale.id, email, request.registrationHash);
        reply = await this.runAdmit(request);
      }
    }
    switch (reply[0]) {
      case 'admitted':
        return {
          admitted: true,
          admission: {
            id: reply[1]!,
            saleId: sale.id,
            email,
            admittedAt: new Date(Number(reply[2])),
            heldUntil: new Date(Number(reply[3])),
          },
        };
      case 'limit':
        return { admitted: false, refusal: { kind: 'limit', limit: Number(reply[1]) } };
      case 'not-registered':
        return { admitted: false, refusal: { kind: 'not-registered' } };
      case 'sold-out':
        return { admitted: false, refusal: { kind: 'sold-out' } };
      default:
        throw new Error(`flash sale ${sale.id}: unexpected admission reply ${JSON.stringify(reply)}`);
    }
  }

  async admittedKeys(saleId: string): Promise<Set<string>> {
    // The hash's fields are "email\nkey", and an email has no line break.
    const fields = await this.redis.hkeys(this.keys.sale(saleId).keys);
    return new Set(fields.map((field) => field.slice(field.indexOf('\n') + 1)));
  }

  async settle(saleId: string, admissionId: string, orderId: string, at: Date): Promise<boolean> {
    const k = this.keys.sale(saleId);
    const run = () =>
      this.scripts.flashSaleSettle(
        k.terms,
        k.admissions,
        k.holds,
        k.stream,
        saleId,
        admissionId,
        orderId,
        String(at.getTime()),
      );
    let paid = await run();
    if (paid === -1) {
      const terms = await this.termsInDatabase(saleId);
      if (!terms) return false;
      await this.prepare(terms);
      paid = await run();
    }
    return paid === 1;
  }

  async expire(at: Date): Promise<number> {
    const until = String(at.getTime());
    let expired = 0;
    let shards = Array.from({ length: SHARDS }, (_, shard) => shard);
    while (shards.length > 0) {
      const pipeline = this.redis.pipeline();
      for (const shard of shards)
        pipeline.zrangebyscore(this.keys.holds(shard), '-inf', until, 'LIMIT', 0, EXPIRE_BATCH);
      const due = (await pipeline.exec()) ?? [];
      const full: number[] = [];
      const bySale = new Map<string, string[]>();
      due.forEach(([error, members], i) => {
        if (error) throw error;
        const list = members as string[];
        if (list.length === EXPIRE_BATCH) full.push(shards[i]!);
        for (const member of list) {
          const colon = member.indexOf(':');
          const saleId = member.slice(0, colon);
          const id = member.slice(colon + 1);
          const ids = bySale.get(saleId);
          if (ids) ids.push(id);
          else bySale.set(saleId, [id]);
        }
      });
      // Each script re-checks every hold it is given, so a hold paid or expired meanwhile (by
      // another instance's run) is left alone.
      const runs = [...bySale].map(([saleId, ids]) => {
        const k = this.keys.sale(saleId);
        return this.scripts.flashSaleExpire(k.terms, k.buyers, k.admissions, k.holds, k.stream, saleId, until, ...ids);
      });
      for (const n of await Promise.all(runs)) expired += n;
      shards = full;
    }
    return expired;
  }

  async counts(sale: SaleTerms): Promise<Counts> {
    const terms = this.keys.sale(sale.id).terms;
    let [held, sold] = await this.redis.hmget(terms, 'held', 'sold');
    if (held == null) {
      await this.prepare(sale);
      [held, sold] = await this.redis.hmget(terms, 'held', 'sold');
    }
    return countsOf(sale, Number(held ?? 0), Number(sold ?? 0));
  }

  /** The client belongs to the app, which closes it. */
  async close(): Promise<void> {}

  private runAdmit(request: AdmitRequest): Promise<string[]> {
    const k = this.keys.sale(request.sale.id);
    return this.scripts.flashSaleAdmit(
      k.terms,
      k.buyers,
      k.keys,
      k.registrations,
      k.admissions,
      k.holds,
      k.stream,
      request.sale.id,
      request.email,
      request.idempotencyKey ?? '',
      request.registrationHash ?? '',
      request.admissionId,
      String(request.at.getTime()),
    );
  }

  private async verifiedInDatabase(saleId: string, email: string, hash: string): Promise<boolean> {
    const [row] = await this.db
      .select({ email: flashSaleRegistrations.email })
      .from(flashSaleRegistrations)
      .where(
        and(
          eq(flashSaleRegistrations.saleId, saleId),
          eq(flashSaleRegistrations.email, email),
          eq(flashSaleRegistrations.tokenHash, hash),
          isNotNull(flashSaleRegistrations.verifiedAt),
        ),
      );
    return row !== undefined;
  }

  private async termsInDatabase(saleId: string): Promise<SaleTerms | undefined> {
    const [row] = await this.db.select().from(flashSales).where(eq(flashSales.id, saleId));
    return row;
  }

  /** What the database knows of a sale, in the shape PREPARE restores it from. */
  private async stateInDatabase(saleId: string) {
    const [[sale], buyers, registrations, admissions] = await Promise.all([
      this.db
        .select({ held: flashSales.held, sold: flashSales.sold })
        .from(flashSales)
        .where(eq(flashSales.id, saleId)),
      this.db
        .select({ email: flashSaleBuyers.email, admitted: flashSaleBuyers.admitted })
        .from(flashSaleBuyers)
        .where(eq(flashSaleBuyers.saleId, saleId)),
      this.db
        .select({ email: flashSaleRegistrations.email, hash: flashSaleRegistrations.tokenHash })
        .from(flashSaleRegistrations)
        .where(and(eq(flashSaleRegistrations.saleId, saleId), isNotNull(flashSaleRegistrations.verifiedAt))),
      this.db.select().from(flashSaleAdmissions).where(eq(flashSaleAdmissions.saleId, saleId)),
    ]);
    const ms = (d: Date | null) => (d ? String(d.getTime()) : '');
    return {
      held: String(sale?.held ?? 0),
      sold: String(sale?.sold ?? 0),
      buyers: buyers.filter((b) => b.admitted > 0).map((b) => [b.email, String(b.admitted)]),
      registrations: registrations.map((r) => [r.email, r.hash]),
      admissions: admissions.map((a): [string, AdmissionRecord] => [
        a.id,
        {
          e: a.email,
          k: a.idempotencyKey ?? '',
          a: ms(a.admittedAt),
          h: ms(a.heldUntil),
          s: a.state,
          o: a.orderId ?? '',
          x: ms(a.settledAt),
        },
      ]),
    };
  }
}
