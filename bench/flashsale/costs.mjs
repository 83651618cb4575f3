// What one purchase attempt costs the server, in CPU: the quick instrument for work on the
// purchase route. One Redis-engine instance on a fresh PostgreSQL database, no registration:
//   1. admissions: BENCH_ADMISSIONS buyers, each admitted (201), CPU per admission;
//   2. refusals: a sold-out sale's attempts (409, answered from memory), in rounds of
//      BENCH_SECONDS, each round followed by a round of hello-world on its own process (GET, then
//      a POST with a body like the attempts'), so they are measured seconds apart and a machine
//      whose speed drifts moves them all.
// The median of the rounds' ratios is the figure to compare between commits.
//
//   node bench/flashsale/costs.mjs                 # about a minute; needs PostgreSQL and Redis
//   BENCH_CPU_PROF=/tmp/prof node bench/flashsale/costs.mjs
//
// Same load code (load.mjs) and server build (dist/, built when older than src/) as the rush;
// everything it made is removed at the end. docs/BENCHMARKS.md, "Flash sales".

import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import {
  cleanup,
  cleanupOnSignals,
  freePort,
  HOST,
  log,
  sleep,
  start,
  stopChild,
  trackTempDir,
  trackUndo,
} from '../support/lifecycle.mjs';
import { cpuGroupsWindow, waitQuiet } from '../support/machine.mjs';
import { ROOT, SERVER } from '../support/paths.mjs';
import { deleteKeys } from '../support/redis.mjs';
import { median } from '../support/report.mjs';
import { ensureBuild, freshDatabase, loadServerVariables, serverEnv, startHello } from '../support/server.mjs';
import { buildEnv, intEnv, pgAdminUrlEnv } from '../support/settings.mjs';
import { fire } from './load.mjs';
import { LOCATION, MARKET, SKU } from './sale.mjs';

const settings = {
  admissions: intEnv('BENCH_ADMISSIONS', 10_000, 100, 1_000_000),
  rounds: intEnv('BENCH_ROUNDS', 4, 1, 50),
  seconds: intEnv('BENCH_SECONDS', 4, 1, 60),
  connections: intEnv('BENCH_CONNECTIONS', 100, 1, 2000),
  quietWaitSeconds: intEnv('BENCH_QUIET_WAIT_SECONDS', 30, 0, 600),
  pgAdminUrl: pgAdminUrlEnv(),
  redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  build: buildEnv(),
  cpuProfDir: process.env.BENCH_CPU_PROF || undefined,
};

cleanupOnSignals();

/** Load on one process; its CPU per answer (µs) and answers per second. */
async function measure(pid, urls, load) {
  const window = cpuGroupsWindow({ server: [pid] });
  const statuses = {};
  let answers = 0;
  const { wallSeconds } = await fire({
    urls,
    connections: settings.connections,
    ...load,
    onAnswer(_n, status) {
      answers++;
      statuses[status] = (statuses[status] ?? 0) + 1;
    },
  });
  const cpu = window.end();
  return {
    statuses,
    perSecond: answers / wallSeconds,
    cpuMicros: (cpu.groups.server.cpuSeconds / answers) * 1e6,
    otherCores: cpu.otherCores,
  };
}

async function main() {
  ensureBuild(settings.build);
  await loadServerVariables();
  const workDir = mkdtempSync(join(os.tmpdir(), 'marketgate-costs-'));
  trackTempDir(workDir);
  const database = await freshDatabase('postgres', workDir, settings.pgAdminUrl);
  if (database.skipped) throw new Error(database.skipped);
  const redis = new Redis(settings.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const prefix = `${database.databaseName}:`;
  trackUndo(`Redis keys ${prefix}*`, async () => {
    await deleteKeys(redis, prefix);
    redis.disconnect();
  });

  const port = await freePort();
  const env = serverEnv(
    port,
    { ...database.env, FLASH_SALE_ENGINE: 'redis', REDIS_URL: settings.redisUrl, REDIS_KEY_PREFIX: prefix },
    'warn',
  );
  const profile = settings.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfDir}`] : [];
  const server = await start(
    'server',
    [...profile, SERVER, 'serve'],
    env,
    port,
    '/readyz',
    join(workDir, 'server.log'),
    120,
  );
  const token = execFileSync(process.execPath, [SERVER, 'tokens', 'create', '--role', 'admin', '--name', 'costs'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  }).trim();
  const base = `http://${HOST}:${port}`;
  const admin = async (method, path, body) => {
    const response = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
  await admin('PUT', `/api/admin/inventory/${LOCATION}/${SKU}`, {
    onHand: settings.admissions + 1000,
    reason: 'costs',
  });
  const sale = (quantity) =>
    admin('POST', '/api/admin/flash-sales', {
      market: MARKET,
      sku: SKU,
      location: LOCATION,
      price: 999,
      quantity,
      startsAt: new Date(Date.now() + 4000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      perCustomerLimit: 1,
      registrationRequired: false,
      paymentWindowSeconds: 900,
    });
  const soldOut = await sale(100);
  const admitting = await sale(settings.admissions);
  await sleep(4500);

  const attempts = (saleId, label) => (n) => ({
    method: 'POST',
    path: `/api/store/flash-sales/${saleId}/purchase`,
    body: JSON.stringify({ email: `${label}-${n}@bench.example.com` }),
    headers: { 'idempotency-key': randomUUID() },
  });
  const hello = await startHello(workDir, 60);
  const helloLoad = (seconds) => ({ seconds, request: () => ({ method: 'GET', path: '/' }) });
  const helloPostLoad = (seconds) => ({
    seconds,
    request: (n) => ({ method: 'POST', path: '/', body: JSON.stringify({ email: `hello-${n}@bench.example.com` }) }),
  });

  // Sell the small sale out, and warm both servers' code.
  await measure(server.pid, [base], { amount: 300, request: attempts(soldOut.id, 'first') });
  await measure(server.pid, [base], { seconds: 2, request: attempts(soldOut.id, 'warm') });
  await measure(hello.pid, [hello.url], helloLoad(2));
  await measure(hello.pid, [hello.url], helloPostLoad(2));

  await waitQuiet('admissions', settings.quietWaitSeconds);
  const admitted = await measure(server.pid, [base], {
    amount: settings.admissions,
    request: attempts(admitting.id, 'buyer'),
  });
  log(
    `admissions: ${JSON.stringify(admitted.statuses)}, ${Math.round(admitted.perSecond)}/s, ` +
      `${admitted.cpuMicros.toFixed(0)} µs of server CPU each`,
  );
  await sleep(1000); // the hand-off's last batch

  const rounds = [];
  for (let r = 1; r <= settings.rounds; r++) {
    await waitQuiet(`round ${r}`, settings.quietWaitSeconds);
    const refused = await measure(server.pid, [base], {
      seconds: settings.seconds,
      request: attempts(soldOut.id, `late${r}`),
    });
    const baseline = await measure(hello.pid, [hello.url], helloLoad(settings.seconds));
    const posted = await measure(hello.pid, [hello.url], helloPostLoad(settings.seconds));
    rounds.push({ refused, baseline, posted });
    log(
      `round ${r}: refusal ${refused.cpuMicros.toFixed(1)} µs (${Math.round(refused.perSecond)}/s, ${JSON.stringify(refused.statuses)}), ` +
        `hello-world ${baseline.cpuMicros.toFixed(1)} µs (${Math.round(baseline.perSecond)}/s), ` +
        `POST ${posted.cpuMicros.toFixed(1)} µs (${Math.round(posted.perSecond)}/s); ` +
        `CPU ratio ${(refused.cpuMicros / baseline.cpuMicros).toFixed(2)}`,
    );
  }
  await stopChild(hello.entry);
  await stopChild(server.entry);

  const m = (f) => median(rounds.map(f));
  console.log(`
| server CPU per answer, one instance (median of ${settings.rounds} rounds) | µs | answers/s | ÷ hello-world |
|---|---:|---:|---:|
| hello-world \`GET /\` | ${m((r) => r.baseline.cpuMicros).toFixed(0)} | ${Math.round(m((r) => r.baseline.perSecond))} | 1 |
| hello-world \`POST /\`, its small JSON body parsed | ${m((r) => r.posted.cpuMicros).toFixed(0)} | ${Math.round(m((r) => r.posted.perSecond))} | ${m((r) => r.posted.cpuMicros / r.baseline.cpuMicros).toFixed(2)} |
| purchase refused as sold out (409) | ${m((r) => r.refused.cpuMicros).toFixed(0)} | ${Math.round(m((r) => r.refused.perSecond))} | ${m((r) => r.refused.cpuMicros / r.baseline.cpuMicros).toFixed(2)} |
| purchase admitted (201), hand-off included | ${admitted.cpuMicros.toFixed(0)} | ${Math.round(admitted.perSecond)} | ${(admitted.cpuMicros / m((r) => r.baseline.cpuMicros)).toFixed(2)} |
`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(cleanup);
