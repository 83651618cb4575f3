// The commerce benchmark: full purchases (cart -> item -> checkout -> payment) by 50 concurrent
// shoppers, and the US listing with as many connections, each against a hello-world Fastify
// baseline measured in the same run, on PostgreSQL (and PGlite when asked).
//
//   npm run bench:commerce                               # = node bench/commerce/run.mjs
//   BENCH_BACKENDS=postgres,pglite npm run bench:commerce
//
// One run:
//   1. spawns the hello-world baseline (bench/support/hello.mjs);
//   2. per back-end: a fresh database (PostgreSQL: a new marketgate_bench_* database; PGlite: a
//      temp DATA_DIR), a cold start of `node dist/main.js serve` (migrations + demo seed), an
//      admin API token from `node dist/main.js tokens create`, a warm start; stock for the
//      power bank (BENCH_SKUS) through the admin API; one purchase to check the flow; then BENCH_ROUNDS
//      rounds of hello-world and listing (autocannon) and purchases (bench/commerce/load.mjs),
//      each after a warm-up, with the CPU of the server, its database, the load generator and
//      the rest; a round other processes disturbed is measured again (BENCH_RETRIES);
//   3. checks through the admin API that every purchase counted is a paid order and no other
//      order is, and that the stock went down by as many units and never below zero;
//   4. prints Markdown tables and appends a record to bench/commerce/results.json; stops
//      everything it started and drops the database, also on failure or Ctrl-C.
//
// Only 127.0.0.1 is targeted; every wait is bounded. See docs/BENCHMARKS.md, section Commerce.

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clean, measure } from '../support/autocannon.mjs';
import {
  cleanup,
  cleanupOnSignals,
  dropTrackedDatabase,
  freePort,
  get,
  HOST,
  log,
  running,
  sleep,
  start,
  stopChild,
  trackTempDir,
} from '../support/lifecycle.mjs';
import { disturbed, machine, QUIET_CORES } from '../support/machine.mjs';
import { ROOT, SERVER } from '../support/paths.mjs';
import { appendResult, median } from '../support/report.mjs';
import { ensureBuild, freshDatabase, gitInfo, loadServerVariables, serverEnv, startHello } from '../support/server.mjs';
import { backendsEnv, buildEnv, intEnv, pgAdminUrlEnv } from '../support/settings.mjs';
import { adminClient, verify } from './admin.mjs';
import { measureLoop } from './measure.mjs';
import { report } from './report.mjs';
import { connection, hello as helloIteration, purchase, SKU } from './shopper.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const LISTING_PATH = '/api/store/markets/US/products';

const settings = {
  seconds: intEnv('BENCH_SECONDS', 10, 1, 600),
  warmupSeconds: intEnv('BENCH_WARMUP_SECONDS', 2, 0, 60),
  connections: intEnv('BENCH_CONNECTIONS', 50, 1, 1000),
  rounds: intEnv('BENCH_ROUNDS', 2, 1, 20),
  retries: intEnv('BENCH_RETRIES', 1, 0, 20),
  quietWaitSeconds: intEnv('BENCH_QUIET_WAIT_SECONDS', 30, 0, 600),
  startupTimeoutSeconds: intEnv('BENCH_STARTUP_TIMEOUT_SECONDS', 120, 5, 600),
  listing: intEnv('BENCH_LISTING', 1, 0, 1) === 1,
  stock: intEnv('BENCH_STOCK', 10_000_000, 1, 100_000_000),
  // Experiments: shoppers spread over these SKUs (round robin), and the server's connection pool.
  skus: (process.env.BENCH_SKUS || SKU)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  poolSize: process.env.BENCH_POOL_SIZE ? intEnv('BENCH_POOL_SIZE', 10, 1, 1000) : undefined,
  backends: backendsEnv('postgres'),
  pgAdminUrl: pgAdminUrlEnv(),
  build: buildEnv(),
  cpuProfDir: process.env.BENCH_CPU_PROF || undefined,
  resultsFile: process.env.BENCH_RESULTS || join(HERE, 'results.json'),
  logLevel: 'warn',
};

cleanupOnSignals();

/** An admin API token, from the CLI on the server's database (the server is stopped: PGlite is one process). */
function adminToken(env) {
  return execFileSync(process.execPath, [SERVER, 'tokens', 'create', '--role', 'admin', '--name', 'bench'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  }).trim();
}

async function benchBackend(kind, hello, workDir) {
  const result = { backend: kind };
  const database = await freshDatabase(kind, workDir, settings.pgAdminUrl);
  if (database.skipped) return { backend: kind, skipped: database.skipped };
  result.database = database.description;
  const databaseName = database.databaseName;

  const port = await freePort();
  const pool = settings.poolSize ? { DATABASE_POOL_SIZE: String(settings.poolSize) } : {};
  const env = serverEnv(port, { ...database.env, ...pool }, settings.logLevel);
  const nodeArgs = settings.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfDir}`] : [];
  const args = [...nodeArgs, SERVER, 'serve'];
  const logFile = join(workDir, `server-${kind}.log`);
  const timeout = settings.startupTimeoutSeconds;

  log(`${kind}: cold start (empty database: migrations + demo seed)`);
  const cold = await start(`server (${kind}, cold)`, args, env, port, '/readyz', logFile, timeout);
  await stopChild(cold.entry);
  const token = adminToken(env);
  const server = await start(`server (${kind})`, args, env, port, '/readyz', logFile, timeout);
  result.startMs = { cold: cold.readyMs, warm: server.readyMs };
  log(`${kind}: cold start ${cold.readyMs} ms, warm start ${server.readyMs} ms`);

  const admin = adminClient(port, token);
  const onHandBefore = new Map();
  for (const sku of settings.skus) {
    await admin.setStock(sku, settings.stock);
    onHandBefore.set(sku, (await admin.stock(sku)).onHand);
  }

  // One listing request to check it (and fill its cache), one purchase to check the flow.
  const listing = await get(port, LISTING_PATH, 10_000);
  if (listing.status !== 200) throw new Error(`${kind}: ${LISTING_PATH} answered ${listing.status}: ${listing.body}`);
  const purchased = new Set();
  const first = connection(port);
  purchased.add((await purchase(first, 'bench-check@example.com')).orderId);
  first.close();

  const loopSettings = { ...settings, adminUrl: settings.pgAdminUrl, databaseName };
  const { skus } = settings;
  const shop = (conn, client) => purchase(conn, `shopper-${client}@example.com`, skus[client % skus.length]);
  result.helloSameClient = await measureLoop(
    `hello-world, same client as the purchases (before ${kind})`,
    { port: hello.port, pid: hello.pid, iteration: helloIteration },
    { ...loopSettings, databaseName: undefined },
  );
  delete result.helloSameClient.orderIds;

  result.rounds = [];
  result.discarded = [];
  let retries = settings.retries;
  for (let round = 1; round <= settings.rounds; ) {
    const suffix = settings.rounds > 1 ? `, round ${round}` : '';
    const h = await measure(`hello-world (before ${kind}${suffix})`, hello.url, hello.pid, settings);
    const l = settings.listing
      ? await measure(`listing on ${kind}${suffix}`, `http://${HOST}:${port}${LISTING_PATH}`, server.pid, settings)
      : null;
    const p = await measureLoop(
      `purchases on ${kind}${suffix}`,
      { port, pid: server.pid, iteration: shop },
      loopSettings,
    );
    for (const id of p.orderIds) purchased.add(id);
    delete p.orderIds;
    const entry = {
      hello: h,
      listing: l,
      purchases: p,
      listingRatio: l ? l.requestsPerSecond / h.requestsPerSecond : null,
      purchaseRatio: p.perSecond / h.requestsPerSecond,
      purchaseRequestRatio: p.requestsPerSecond / h.requestsPerSecond,
    };
    if ([h, l, p].some((m) => m && disturbed(m)) && retries > 0) {
      retries--;
      log(`${kind}${suffix}: other processes took CPU during the round: measuring it again`);
      for (const m of [h, l, p]) if (m) m.label += ' [discarded: disturbed]';
      result.discarded.push(entry);
      continue;
    }
    result.rounds.push(entry);
    round++;
  }

  log(`${kind}: checking the orders and the stock through the admin API`);
  result.verification = await verify(admin, { purchased, onHandBefore });
  admin.close();
  result.summary = summarize(result.rounds);

  const stop = await stopChild(server.entry);
  if (stop.code !== 0) result.note = `server exited with ${stop.signal ?? `code ${stop.code}`} on SIGTERM`;
  if (databaseName) {
    await dropTrackedDatabase(databaseName);
    log(`dropped database ${databaseName}`);
  }
  return result;
}

function summarize(rounds) {
  const m = (pick) => {
    const values = rounds.map(pick);
    return values.some((v) => v == null) ? null : median(values);
  };
  const perPurchase = (p, seconds) => (seconds == null ? null : (seconds * 1000) / p.completed);
  return {
    helloRequestsPerSecond: m((r) => r.hello.requestsPerSecond),
    listingRequestsPerSecond: rounds[0].listing ? m((r) => r.listing.requestsPerSecond) : null,
    listingRatio: rounds[0].listing ? m((r) => r.listingRatio) : null,
    purchasesPerSecond: m((r) => r.purchases.perSecond),
    purchaseRatio: m((r) => r.purchaseRatio),
    purchaseRequestsPerSecond: m((r) => r.purchases.requestsPerSecond),
    purchaseRequestRatio: m((r) => r.purchaseRequestRatio),
    purchaseP50: m((r) => r.purchases.latencyMs.p50),
    purchaseP99: m((r) => r.purchases.latencyMs.p99),
    steps: Object.fromEntries(
      Object.keys(rounds[0].purchases.steps).map((step) => [
        step,
        { p50: m((r) => r.purchases.steps[step].p50), p99: m((r) => r.purchases.steps[step].p99) },
      ]),
    ),
    serverCpuMsPerPurchase: m((r) => perPurchase(r.purchases, r.purchases.cpu?.targetCpuSeconds)),
    databaseCpuMsPerPurchase: m((r) => perPurchase(r.purchases, r.purchases.cpu?.databaseCpuSeconds)),
    // Server CPU of one purchase in hello-world requests' worth of server CPU.
    purchaseCostInHelloRequests: m(
      (r) => r.hello.requestsPerServerCpuSecond * (r.purchases.cpu.targetCpuSeconds / r.purchases.completed),
    ),
    disturbedRounds: rounds.filter((r) => [r.hello, r.listing, r.purchases].some((x) => x && disturbed(x))).length,
  };
}

async function main() {
  ensureBuild(settings.build);
  await loadServerVariables();
  const workDir = mkdtempSync(join(os.tmpdir(), 'marketgate-bench-'));
  trackTempDir(workDir);
  if (settings.cpuProfDir) log(`CPU profiles of the servers go to ${settings.cpuProfDir}`);
  const record = {
    date: new Date().toISOString(),
    ...machine(),
    git: gitInfo(),
    label: process.env.BENCH_LABEL || undefined,
    command: process.argv.slice(1).join(' '),
    settings: {
      seconds: settings.seconds,
      warmupSeconds: settings.warmupSeconds,
      connections: settings.connections,
      rounds: settings.rounds,
      retriesForDisturbedRounds: settings.retries,
      quietWaitSeconds: settings.quietWaitSeconds,
      quietThresholdCores: QUIET_CORES,
      listing: settings.listing,
      stock: settings.stock,
      skus: settings.skus,
      poolSize: settings.poolSize ?? 'default',
      serverLogLevel: settings.logLevel,
      cpuProfiling: Boolean(settings.cpuProfDir),
      loadGenerator:
        'autocannon (hello-world, listing) and bench/commerce/load.mjs (purchases), in the runner process, same machine',
    },
    backends: [],
  };

  const hello = await startHello(workDir, settings.startupTimeoutSeconds);
  await sleep(500);
  for (const kind of settings.backends) {
    try {
      record.backends.push(await benchBackend(kind, hello, workDir));
    } catch (error) {
      log(`${kind}: failed: ${error.stack ?? error.message}`);
      record.backends.push({ backend: kind, error: String(error.message ?? error) });
      for (const entry of running('server')) await stopChild(entry);
    }
  }
  await stopChild(hello.entry);

  const { text, failed } = report(record, settings, { clean, disturbed });
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
