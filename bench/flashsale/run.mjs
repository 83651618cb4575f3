// The flash-sale benchmark: a 10,000-unit sale of the power bank in the US, hit at its start by
// 50,000 purchase attempts from 20,000 registered buyers over 200 connections, once per admission
// engine on PostgreSQL: the database engine (one instance) and the Redis engine (two instances
// sharing the database and Redis, the connections spread over both). Each is compared with
// hello-world Fastify measured in the same run, with as many processes and the same connections
// and load code. Goal (issue #6): the Redis engine's purchase route at half the hello-world rate.
//
//   npm run bench:flashsale                          # = node bench/flashsale/run.mjs; about 3 minutes
//   BENCH_ENGINES=redis npm run bench:flashsale
//
// Per engine:
//   1. a fresh marketgate_bench_* database, and for Redis a fresh REDIS_KEY_PREFIX of that name;
//      the instances start on it (the first migrates and seeds the demo); an admin API token
//      from `node dist/main.js tokens create`;
//   2. through the admin API: stock, then the sale (registration required, one unit per buyer,
//      15 min to pay), starting 10 min ahead; the buyers' registrations written to PostgreSQL as
//      the register endpoint writes them, then confirmed one by one through the public verify
//      endpoint with each link's token (sale.mjs);
//   3. hello-world: warm-up, then BENCH_SECONDS measured (measure.mjs, with the load of load.mjs);
//   4. the start brought forward to a few seconds ahead (PATCH); eager buyers' early clicks
//      (425, from addresses that are not buyers) as the warm-up; at the start, the rush:
//      attempt n is buyer n mod 20,000's, with their token and a fresh Idempotency-Key, as the
//      storefront sends it; every answer is counted by status and problem type, with its latency;
//   5. waits until the admissions stop reaching the database, then checks the 201s against the
//      database and Redis (verify.mjs): oversold, lost, unseen, per-buyer limit, counters;
//   6. prints Markdown and appends a record to bench/flashsale/results.json. Everything it
//      started or made (processes, database, Redis keys) is removed, also on failure or Ctrl-C.
//
// Only 127.0.0.1 is targeted; every wait is bounded. See docs/BENCHMARKS.md, section Flash sales.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import {
  cleanup,
  cleanupOnSignals,
  dropTrackedDatabase,
  freePort,
  HOST,
  log,
  running,
  sleep,
  start,
  stopChild,
  trackTempDir,
  trackUndo,
} from '../support/lifecycle.mjs';
import { machine, QUIET_CORES, waitQuiet } from '../support/machine.mjs';
import { ROOT, SERVER } from '../support/paths.mjs';
import { adminQuery } from '../support/postgres.mjs';
import { deleteKeys } from '../support/redis.mjs';
import { appendResult } from '../support/report.mjs';
import { ensureBuild, freshDatabase, gitInfo, loadServerVariables, serverEnv, startHello } from '../support/server.mjs';
import { buildEnv, intEnv, pgAdminUrlEnv } from '../support/settings.mjs';
import { earlyClicks, measureHello, rush } from './measure.mjs';
import { report } from './report.mjs';
import { adminClient, makeBuyers, registerBuyers, saleOn } from './sale.mjs';
import { drain, verify } from './verify.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ENGINES = ['database', 'redis'];

function refuse(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

function enginesEnv() {
  const engines = (process.env.BENCH_ENGINES ?? ENGINES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const e of engines) if (!ENGINES.includes(e)) refuse(`BENCH_ENGINES has "${e}": use database, redis or both.`);
  return engines;
}

function redisUrlEnv() {
  const url = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  let host;
  try {
    host = new URL(url).hostname;
  } catch {
    refuse('BENCH_REDIS_URL is not a URL.');
  }
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host))
    refuse(`BENCH_REDIS_URL must point at 127.0.0.1, not "${host}".`);
  return url;
}

const settings = {
  engines: enginesEnv(),
  quantity: intEnv('BENCH_QUANTITY', 10_000, 1, 1_000_000),
  buyers: intEnv('BENCH_BUYERS', 20_000, 1, 1_000_000),
  attempts: intEnv('BENCH_ATTEMPTS', 50_000, 1, 10_000_000),
  connections: intEnv('BENCH_CONNECTIONS', 200, 1, 2000),
  perCustomerLimit: intEnv('BENCH_PER_CUSTOMER_LIMIT', 1, 1, 100),
  paymentWindowSeconds: intEnv('BENCH_PAYMENT_WINDOW_SECONDS', 900, 60, 86_400),
  instances: {
    database: intEnv('BENCH_DATABASE_INSTANCES', 1, 1, 8),
    redis: intEnv('BENCH_REDIS_INSTANCES', 2, 1, 8),
  },
  seconds: intEnv('BENCH_SECONDS', 10, 1, 600),
  warmupSeconds: intEnv('BENCH_WARMUP_SECONDS', 2, 0, 60),
  quietWaitSeconds: intEnv('BENCH_QUIET_WAIT_SECONDS', 30, 0, 600),
  startupTimeoutSeconds: intEnv('BENCH_STARTUP_TIMEOUT_SECONDS', 120, 5, 600),
  pgAdminUrl: pgAdminUrlEnv(),
  redisUrl: redisUrlEnv(),
  build: buildEnv(),
  cpuProfDir: process.env.BENCH_CPU_PROF || undefined,
  resultsFile: process.env.BENCH_RESULTS || join(HERE, 'results.json'),
  logLevel: 'warn',
};
if (settings.attempts < settings.connections) refuse('BENCH_ATTEMPTS must be at least BENCH_CONNECTIONS.');

cleanupOnSignals();

/** An admin API token from the CLI, on the instances' database. */
function adminToken(env) {
  return execFileSync(process.execPath, [SERVER, 'tokens', 'create', '--role', 'admin', '--name', 'bench'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  }).trim();
}

/** The Redis server's pid, when it runs where this process can read its /proc entry. */
async function redisPid(redis) {
  const pid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
  return pid && existsSync(`/proc/${pid}/stat`) ? pid : undefined;
}

async function benchEngine(engine, workDir) {
  const n = settings.instances[engine];
  const result = { engine, instances: n };
  const database = await freshDatabase('postgres', workDir, settings.pgAdminUrl);
  if (database.skipped) return { ...result, skipped: database.skipped };
  result.database = database.description;
  const { databaseName } = database;
  const databaseUrl = database.env.DATABASE_URL;
  const backend = { ...database.env, FLASH_SALE_ENGINE: engine };

  let redis;
  let keys;
  let forgetKeys = () => {};
  let prefix;
  if (engine === 'redis') {
    redis = new Redis(settings.redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1, lazyConnect: true });
    redis.on('error', () => {});
    try {
      await redis.connect();
      result.redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1];
    } catch (error) {
      redis.disconnect();
      await dropTrackedDatabase(databaseName);
      return { ...result, skipped: `Redis unreachable at ${settings.redisUrl}: ${error.message}` };
    }
    prefix = `${databaseName}:`;
    forgetKeys = trackUndo(`Redis keys ${prefix}*`, () => deleteKeys(redis, prefix));
    const { FlashSaleKeys } = await import('../../dist/modules/flashsale/redis-scripts.js');
    keys = new FlashSaleKeys(prefix);
    Object.assign(backend, { REDIS_URL: settings.redisUrl, REDIS_KEY_PREFIX: prefix });
    result.redisKeyPrefix = prefix;
  }

  try {
    // 1. The instances, one after the other: the first migrates and seeds the demo.
    const nodeArgs = settings.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfDir}`] : [];
    const servers = [];
    for (let i = 1; i <= n; i++) {
      const port = await freePort();
      const env = serverEnv(port, backend, settings.logLevel);
      const spawnedAt = performance.now();
      const s = await start(
        `server (${engine} ${i})`,
        [...nodeArgs, SERVER, 'serve'],
        env,
        port,
        '/readyz',
        join(workDir, `server-${engine}-${i}.log`),
        settings.startupTimeoutSeconds,
      );
      servers.push({ ...s, port, env, spawnedAt });
      log(`${engine}: instance ${i} on port ${port} ready in ${s.readyMs} ms`);
    }
    result.startMs = servers.map((s) => s.readyMs);
    const urls = servers.map((s) => `http://${HOST}:${s.port}`);
    const admin = adminClient(servers[0].port, adminToken(servers[0].env));

    // 2. The sale and its buyers.
    await admin.setStock(settings.quantity + 100);
    const now = Date.now();
    const sale = await admin.createSale({
      quantity: settings.quantity,
      perCustomerLimit: settings.perCustomerLimit,
      paymentWindowSeconds: settings.paymentWindowSeconds,
      startsAt: new Date(now + 10 * 60_000),
      endsAt: new Date(now + 2 * 3_600_000),
    });
    result.saleId = sale.id;
    log(`${engine}: sale ${sale.id} of ${settings.quantity} units; registering ${settings.buyers} buyers`);
    const buyers = makeBuyers(settings.buyers);
    result.registration = await registerBuyers(
      { urls, databaseUrl, saleId: sale.id, buyers },
      Math.min(settings.connections, settings.buyers),
    );
    log(`${engine}: ${settings.buyers} registrations verified in ${result.registration.verifyMs} ms`);

    // 3. Hello-world, with as many processes as instances.
    const hellos = [];
    for (let i = 0; i < n; i++) hellos.push(await startHello(workDir, settings.startupTimeoutSeconds));
    result.hello = await measureHello(hellos, `hello-world x${n} (before ${engine})`, settings);
    for (const h of hellos) await stopChild(h.entry);

    // 4. The start, a few seconds ahead; early clicks as the warm-up; the rush.
    const quiet = await waitQuiet(`rush on ${engine}`, settings.quietWaitSeconds);
    const startsAt = new Date(Date.now() + (settings.warmupSeconds + 4) * 1000);
    await admin.setStart(sale.id, startsAt);
    admin.close();
    for (const s of servers) {
      // The other instances hear of the new start through the change feed (NOTIFY).
      for (let tries = 0; (await saleOn(s.port, sale.id)).startsAt !== startsAt.toISOString(); tries++) {
        if (tries >= 50) throw new Error(`instance on port ${s.port} still has the old start after 5 s`);
        await sleep(100);
      }
    }
    const path = `/api/store/flash-sales/${sale.id}/purchase`;
    if (settings.warmupSeconds > 0)
      log(`${engine}: warm-up: early clicks for ${settings.warmupSeconds} s before the start`);
    result.earlyClicks = await earlyClicks({ urls, path }, settings);
    const wait = startsAt.getTime() - Date.now();
    if (wait < 0) throw new Error(`the warm-up ran ${-wait} ms past the start: raise the lead`);
    await sleep(wait + 20);

    log(
      `${engine}: the rush: ${settings.attempts} attempts, ${settings.connections} connections over ${n} instance(s)`,
    );
    const processes = { servers: servers.map((s) => s.pid), redis: redis ? await redisPid(redis) : undefined };
    const { rush: measured, admitted } = await rush({ urls, path, buyers, processes, databaseName }, settings);
    const { began: rushBegan, ...figures } = measured;
    result.rush = {
      ...figures,
      quietBefore: quiet,
      // For a CPU profile (BENCH_CPU_PROF): where the rush begins in each instance's profile.
      profileSkipMs: servers.map((s) => Math.round(rushBegan - s.spawnedAt)),
    };
    result.ratio = result.rush.requestsPerSecond / result.hello.requestsPerSecond;
    log(
      `${engine}: ${result.rush.answered} answers in ${result.rush.seconds.toFixed(1)} s, ${admitted.size} admitted; ` +
        `${Math.round(result.rush.requestsPerSecond)} req/s = ${result.ratio.toFixed(2)} of hello-world`,
    );

    // 5. The hand-off, then the checks.
    log(`${engine}: waiting for the admissions to reach the database`);
    result.drain = await drain({ databaseUrl, saleId: sale.id, redis, keys });
    result.verification = await verify({
      databaseUrl,
      saleId: sale.id,
      quantity: settings.quantity,
      limit: settings.perCustomerLimit,
      admitted,
      buyers: new Set(buyers.map((b) => b.email)),
      redis,
      keys,
    });
    if (result.rush.wrongEmail > 0) result.verification.ok = false;
    log(`${engine}: checks ${result.verification.ok ? 'passed' : 'FAILED'}`);

    result.stops = [];
    for (const s of servers) {
      const stop = await stopChild(s.entry);
      result.stops.push(stop);
    }
    return result;
  } finally {
    for (const entry of running('server')) await stopChild(entry);
    for (const entry of running('hello')) await stopChild(entry);
    if (redis) {
      const deleted = await deleteKeys(redis, prefix).catch(() => 0);
      forgetKeys();
      log(`deleted ${deleted} Redis keys ${prefix}*`);
      redis.disconnect();
    }
    await dropTrackedDatabase(databaseName);
    log(`dropped database ${databaseName}`);
  }
}

async function main() {
  ensureBuild(settings.build);
  await loadServerVariables();
  const workDir = mkdtempSync(join(os.tmpdir(), 'marketgate-bench-'));
  trackTempDir(workDir);
  if (settings.cpuProfDir) log(`CPU profiles of the servers go to ${settings.cpuProfDir}`);
  let postgres;
  try {
    postgres = (await adminQuery(settings.pgAdminUrl, 'show server_version')).rows[0].server_version;
  } catch {
    // freshDatabase reports it per engine
  }
  const { quietWaitSeconds, engines, instances, pgAdminUrl: _, resultsFile: __, ...rest } = settings;
  const record = {
    date: new Date().toISOString(),
    ...machine(),
    postgres,
    git: gitInfo(),
    label: process.env.BENCH_LABEL || undefined,
    command: process.argv.slice(1).join(' '),
    settings: {
      ...rest,
      engines,
      instances,
      quietWaitSeconds,
      quietThresholdCores: QUIET_CORES,
      cpuProfiling: Boolean(settings.cpuProfDir),
      loadGenerator:
        'keep-alive HTTP/1.1 over node:net (bench/flashsale/load.mjs), in the runner process, same machine',
    },
    engines: [],
  };
  for (const engine of settings.engines) {
    try {
      record.engines.push(await benchEngine(engine, workDir));
    } catch (error) {
      log(`${engine}: failed: ${error.stack ?? error.message}`);
      record.engines.push({ engine, error: String(error.message ?? error) });
    }
  }
  const { text, failed } = report(record);
  appendResult(settings.resultsFile, record);
  process.stdout.write(`${text}\nAppended to ${settings.resultsFile}.\n`);
  if (failed) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  log(`failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
