// After the rush: wait until the admissions stop reaching the database (with the Redis engine,
// until the hand-off streams are empty), then hold every 201 the load received against what
// PostgreSQL and Redis say. Read straight from the stores: the admin API shows counts, not rows.

import pg from 'pg';
import { log, sleep } from '../support/lifecycle.mjs';

async function client(databaseUrl) {
  const c = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  c.on('error', () => {});
  await c.connect();
  return c;
}

const admissionsIn = async (db, saleId) =>
  Number((await db.query('select count(*) as n from flash_sale_admissions where sale_id = $1', [saleId])).rows[0].n);

/** Entries still in the hand-off streams (they are deleted once applied): 0 when all are in. */
async function streamed(redis, keys) {
  const lengths = await redis.pipeline(keys.streams().map((s) => ['xlen', s])).exec();
  return lengths.reduce((sum, [error, n]) => {
    if (error) throw error;
    return sum + n;
  }, 0);
}

/**
 * Polls every 100 ms until the streams are empty (Redis engine) and the database's admissions of
 * the sale have not changed for settleMs; at most timeoutMs. Returns the count and how long after
 * the call it last changed.
 */
export async function drain({ databaseUrl, saleId, redis, keys, settleMs = 1000, timeoutMs = 120_000 }) {
  const db = await client(databaseUrl);
  try {
    const began = performance.now();
    let count = await admissionsIn(db, saleId);
    let changedAt = began;
    let left = redis ? await streamed(redis, keys) : 0;
    const initial = { admissions: count, streamed: left };
    for (;;) {
      const now = performance.now();
      if (left === 0 && now - changedAt >= settleMs) break;
      if (now - began > timeoutMs) {
        log(`hand-off not drained within ${timeoutMs / 1000} s: ${left} entries left in the streams`);
        break;
      }
      await sleep(100);
      const n = await admissionsIn(db, saleId);
      if (n !== count) {
        count = n;
        changedAt = performance.now();
      }
      left = redis ? await streamed(redis, keys) : 0;
    }
    return {
      atRushEnd: initial,
      admissions: count,
      streamedLeft: left,
      lastChangeMs: Math.round(changedAt - began),
    };
  } finally {
    await db.end().catch(() => {});
  }
}

/**
 * The checks. admitted: Map admission id -> email, every 201 the load got; buyers: the registered
 * buyers' emails. Lost: a 201 whose admission is not in the database. Oversold: units admitted past
 * the quantity, by the 201s, by the database's counters and rows, and by Redis's counters.
 */
export async function verify({ databaseUrl, saleId, quantity, limit, admitted, buyers, redis, keys }) {
  const db = await client(databaseUrl);
  try {
    const [sale] = (await db.query('select quantity, held, sold from flash_sales where id = $1', [saleId])).rows;
    const rows = (await db.query('select id, email, state from flash_sale_admissions where sale_id = $1', [saleId]))
      .rows;
    const [buyerRows] = (
      await db.query(
        'select count(*) as n, coalesce(sum(admitted), 0) as total, coalesce(max(admitted), 0) as most from flash_sale_buyers where sale_id = $1',
        [saleId],
      )
    ).rows;
    const [registrations] = (
      await db.query(
        'select count(*) as n, count(verified_at) as verified from flash_sale_registrations where sale_id = $1',
        [saleId],
      )
    ).rows;

    const inDatabase = new Map(rows.map((r) => [r.id, r]));
    const lost = [...admitted.keys()].filter((id) => !inDatabase.has(id));
    const unseen = rows.filter((r) => !admitted.has(r.id));
    const wrongBuyer = [...admitted].filter(([id, email]) => inDatabase.get(id) && inDatabase.get(id).email !== email);
    const perBuyer = new Map();
    for (const r of rows) perBuyer.set(r.email, (perBuyer.get(r.email) ?? 0) + 1);
    const overLimit = [...perBuyer].filter(([, n]) => n > limit).length;
    const notRegistered = [...perBuyer.keys()].filter((email) => !buyers.has(email)).length;
    const states = {};
    for (const r of rows) states[r.state] = (states[r.state] ?? 0) + 1;

    const result = {
      quantity: sale.quantity,
      responses201: admitted.size,
      database: {
        held: sale.held,
        sold: sale.sold,
        admissionRows: rows.length,
        states,
        buyerRows: Number(buyerRows.n),
        buyerAdmittedSum: Number(buyerRows.total),
        buyerAdmittedMost: Number(buyerRows.most),
        registrations: Number(registrations.n),
        verifiedRegistrations: Number(registrations.verified),
      },
      lost: lost.length,
      lostExamples: lost.slice(0, 5),
      inDatabaseNotAnswered201: unseen.length,
      wrongBuyer: wrongBuyer.length,
      buyersOverLimit: overLimit,
      admittedNotRegistered: notRegistered,
      oversold: {
        by201s: Math.max(0, admitted.size - quantity),
        byDatabaseCounters: Math.max(0, sale.held + sale.sold - sale.quantity),
        byDatabaseRows: Math.max(0, rows.length - sale.quantity),
      },
    };

    if (redis) {
      const k = keys.sale(saleId);
      const [held, sold] = await redis.hmget(k.terms, 'held', 'sold');
      const buyerCounts = await redis.hvals(k.buyers);
      result.redis = {
        held: Number(held),
        sold: Number(sold),
        admissionRecords: await redis.hlen(k.admissions),
        registrations: await redis.hlen(k.registrations),
        buyerAdmittedSum: buyerCounts.reduce((a, b) => a + Number(b), 0),
        buyerAdmittedMost: Math.max(0, ...buyerCounts.map(Number)),
        streamEntriesLeft: await streamed(redis, keys),
      };
      result.oversold.byRedisCounters = Math.max(0, result.redis.held + result.redis.sold - sale.quantity);
      result.redisMatchesDatabase =
        result.redis.held === sale.held &&
        result.redis.sold === sale.sold &&
        result.redis.admissionRecords === rows.length &&
        result.redis.buyerAdmittedSum === Number(buyerRows.total);
    }

    const oversold = Object.values(result.oversold).reduce((a, b) => a + b, 0);
    result.ok =
      oversold === 0 &&
      lost.length === 0 &&
      unseen.length === 0 &&
      wrongBuyer.length === 0 &&
      overLimit === 0 &&
      notRegistered === 0 &&
      rows.length === admitted.size &&
      sale.held + sale.sold === rows.length &&
      Number(buyerRows.total) === rows.length &&
      Number(buyerRows.most) <= limit &&
      (result.redisMatchesDatabase ?? true) &&
      (result.redis?.streamEntriesLeft ?? 0) === 0;
    return result;
  } finally {
    await db.end().catch(() => {});
  }
}
