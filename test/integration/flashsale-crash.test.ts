import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { AccountsService } from '../../src/modules/accounts/index.js';
import { FlashSaleKeys, Handoff } from '../../src/modules/flashsale/index.js';
import { flashSaleAdmissions, flashSales } from '../../src/modules/flashsale/tables.js';
import { systemClock } from '../../src/platform/clock.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

// `marketgate serve` on PostgreSQL and Redis, killed with SIGKILL in the middle of a flash sale's
// rush: no chance to finish a request, a transaction or the hand-off. After a restart the counts
// still add up, in Redis and in the database, and every buyer who was told "admitted" has an
// admission in the database.

const redisUrl = process.env.REDIS_URL;
const databaseUrl = process.env.DATABASE_URL;
const QUANTITY = 60;
const BUYERS = 150;

let server: ChildProcess | undefined;
let database: TestDatabase | undefined;
let redis: Redis | undefined;
const prefix = `marketgate-test:${randomUUID()}:`;

afterAll(async () => {
  if (server?.exitCode === null) server.kill('SIGKILL');
  if (redis) {
    const stale = await redis.keys(`${prefix}*`);
    if (stale.length > 0) await redis.del(...stale);
    redis.disconnect();
  }
  await database?.close();
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function start(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: database!.url,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      FLASH_SALE_ENGINE: 'redis',
      LOG_LEVEL: 'error',
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // A hang guard: the first start migrates and seeds, slowly on a busy machine.
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready in 60 s');
}

describe.runIf(Boolean(redisUrl && databaseUrl))('a flash sale when an instance is killed mid-rush', () => {
  it('keeps sold + held + remaining = quantity and an admission row for every buyer told "admitted"', async () => {
    database = await freshDatabase();
    redis = new Redis(redisUrl!);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = await start(port);

    const { secret } = await new AccountsService(database.db, systemClock, {
      idleMs: 60_000,
      maxMs: 60_000,
    }).createToken({ name: 'crash test', role: 'admin' }, null);
    const created = await fetch(`${url}/api/admin/flash-sales`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        market: 'US',
        sku: 'MIPB10K-SLV',
        price: 1999,
        quantity: QUANTITY,
        startsAt: new Date(Date.now() - 1000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        perCustomerLimit: 1,
        registrationRequired: false,
        paymentWindowSeconds: 600,
      }),
    });
    expect(created.status).toBe(201);
    const saleId = ((await created.json()) as { id: string }).id;

    // Each buyer asks once with their own Idempotency-Key; an answer lost to the crash is asked
    // again, with the same key, after the restart.
    const admitted = new Map<string, string>();
    const unanswered: number[] = [];
    const refusals: number[] = [];
    const purchase = async (buyer: number): Promise<void> => {
      try {
        const response = await fetch(`${url}/api/store/flash-sales/${saleId}/purchase`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `crash-${buyer}` },
          body: JSON.stringify({ email: `buyer${buyer}@example.com` }),
        });
        if (response.status === 201) admitted.set(`buyer${buyer}`, ((await response.json()) as { id: string }).id);
        else refusals.push(response.status);
      } catch {
        unanswered.push(buyer);
      }
    };
    const rush = async (buyers: number[], killAfter?: number) => {
      const queue = [...buyers];
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          for (let buyer = queue.shift(); buyer !== undefined; buyer = queue.shift()) {
            await purchase(buyer);
            if (killAfter !== undefined && admitted.size >= killAfter && server?.exitCode === null) {
              server.kill('SIGKILL');
            }
          }
        }),
      );
    };

    await rush(
      Array.from({ length: BUYERS }, (_, i) => i),
      QUANTITY / 3,
    );
    expect(server.signalCode).toBe('SIGKILL');
    expect(unanswered.length).toBeGreaterThan(0);

    server = await start(port);
    await rush(unanswered.splice(0));
    expect(unanswered).toEqual([]);
    expect(new Set(refusals)).toEqual(new Set([409]));

    const keys = new FlashSaleKeys(prefix);
    const quiet = { warn: () => {}, error: () => {} };
    // The dead instance's unacknowledged entries are claimed by the new one once idle (5 s).
    expect(await new Handoff(redis, database.db, keys, quiet).drained(20_000)).toBe(true);

    const [held, sold] = (await redis.hmget(keys.sale(saleId).terms, 'held', 'sold')).map(Number) as [number, number];
    expect(held + sold).toBe(QUANTITY); // more buyers than units: every unit went
    const counts = (await (await fetch(`${url}/api/store/flash-sales/${saleId}/remaining`)).json()) as {
      held: number;
      sold: number;
      remaining: number;
    };
    expect(counts.sold + counts.held + counts.remaining).toBe(QUANTITY);
    expect(counts).toMatchObject({ held, sold, remaining: 0 });

    const [row] = await database.db.select().from(flashSales).where(eq(flashSales.id, saleId));
    expect({ held: row!.held, sold: row!.sold }).toEqual({ held, sold });
    const rows = await database.db
      .select({ id: flashSaleAdmissions.id, state: flashSaleAdmissions.state })
      .from(flashSaleAdmissions)
      .where(eq(flashSaleAdmissions.saleId, saleId));
    expect(rows.filter((r) => r.state === 'held')).toHaveLength(held);
    expect(rows).toHaveLength(await redis.hlen(keys.sale(saleId).admissions));
    const recorded = new Set(rows.map((r) => r.id));
    expect([...admitted.values()].filter((id) => !recorded.has(id))).toEqual([]);
    expect(admitted.size).toBe(QUANTITY);

    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }, 120_000);
});
