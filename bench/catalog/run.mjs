// The catalog benchmark: how fast the US storefront listing is served, against a hello-world
// Fastify baseline on the same machine, on the embedded database (PGlite) and on PostgreSQL.
//
//   npm run bench                      # = node bench/catalog/run.mjs
//   BENCH_SECONDS=30 npm run bench     # longer measurements
//
// One run:
//   1. spawns the hello-world baseline (bench/catalog/hello.mjs) and measures it with autocannon;
//   2. per back-end (pglite: a fresh temp DATA_DIR; postgres: a fresh marketgate_bench_* database,
//      skipped with a note when PostgreSQL does not answer): spawns `node dist/main.js serve`,
//      times the cold start (spawn -> first 200 of /readyz: migrations + demo seed), stops it,
//      times a warm start on the now-populated database, reads the idle RSS, then measures
//      BENCH_ROUNDS pairs of (hello-world, listing), each after a warm-up, while sampling RSS and
//      the CPU used by the server, the load generator and everything else; a pair that other
//      processes disturbed is measured again (BENCH_RETRIES);
//   3. prints Markdown tables and appends a record to bench/catalog/results.json;
//   4. stops every process it started (SIGTERM, SIGKILL after 5 s) and drops the database, also
//      on failure or Ctrl-C.
//
// Only 127.0.0.1 is targeted; every wait is bounded. See docs/BENCHMARKS.md.

import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const SERVER = join(ROOT, 'dist', 'main.js');
const HELLO = join(HERE, 'hello.mjs');
const LISTING_PATH = '/api/store/markets/US/products';
const HOST = '127.0.0.1';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

// ---------------------------------------------------------------------------------------------
// Settings (environment)

function intEnv(name, fallback, min, max) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    console.error(`bench: ${name}="${raw}" is not allowed: use an integer from ${min} to ${max}.`);
    process.exit(2);
  }
  return value;
}

const settings = {
  seconds: intEnv('BENCH_SECONDS', 10, 1, 600),
  warmupSeconds: intEnv('BENCH_WARMUP_SECONDS', 2, 0, 60),
  connections: intEnv('BENCH_CONNECTIONS', 100, 1, 1000),
  rounds: intEnv('BENCH_ROUNDS', 3, 1, 20),
  retries: intEnv('BENCH_RETRIES', 2, 0, 20),
  quietWaitSeconds: intEnv('BENCH_QUIET_WAIT_SECONDS', 60, 0, 600),
  startupTimeoutSeconds: intEnv('BENCH_STARTUP_TIMEOUT_SECONDS', 120, 5, 600),
  backends: (process.env.BENCH_BACKENDS ?? 'pglite,postgres')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  pgAdminUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  build: process.env.BENCH_BUILD ?? 'auto',
  cpuProfDir: process.env.BENCH_CPU_PROF || undefined,
  resultsFile: process.env.BENCH_RESULTS || join(HERE, 'results.json'),
  logLevel: 'warn',
};

for (const b of settings.backends) {
  if (b !== 'pglite' && b !== 'postgres') {
    console.error(`bench: BENCH_BACKENDS has "${b}": use pglite, postgres or both (comma-separated).`);
    process.exit(2);
  }
}
if (!['auto', '0', '1'].includes(settings.build)) {
  console.error(`bench: BENCH_BUILD="${settings.build}" is not allowed: use auto, 0 or 1.`);
  process.exit(2);
}
{
  let host;
  try {
    host = new URL(settings.pgAdminUrl).hostname;
  } catch {
    console.error('bench: BENCH_PG_URL is not a URL.');
    process.exit(2);
  }
  if (!LOCAL_HOSTS.has(host)) {
    console.error(`bench: BENCH_PG_URL must point at 127.0.0.1 or localhost, not "${host}".`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------------
// Everything started here, so that it is stopped (and dropped) even on failure.

const children = new Set(); // { name, child }
const databases = new Set(); // names of databases to drop
const tempDirs = new Set();

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (kb) => (kb == null ? null : Math.round((kb / 1024) * 10) / 10);

async function stopChild(entry) {
  const { child, name } = entry;
  const started = performance.now();
  let killed = false;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timeout = sleep(5000).then(() => 'timeout');
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      log(`${name} (pid ${child.pid}) did not stop within 5 s of SIGTERM: SIGKILL`);
      killed = true;
      child.kill('SIGKILL');
      await Promise.race([exited, sleep(5000)]);
    }
  }
  children.delete(entry);
  return { ms: Math.round(performance.now() - started), code: child.exitCode, signal: child.signalCode, killed };
}

async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: settings.pgAdminUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropDatabase(name) {
  try {
    await adminQuery(`drop database if exists "${name}" with (force)`);
  } catch (error) {
    // PostgreSQL before 13 has no WITH (FORCE): end the sessions, then drop.
    if (!/syntax/i.test(String(error?.message))) throw error;
    await adminQuery(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);
    await adminQuery(`drop database if exists "${name}"`);
  }
  databases.delete(name);
}

let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    await Promise.all([...children].map((entry) => stopChild(entry).catch(() => {})));
    for (const name of [...databases]) {
      try {
        await dropDatabase(name);
        log(`dropped database ${name}`);
      } catch (error) {
        log(`could not drop database ${name}: ${error.message} (drop it by hand)`);
      }
    }
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    tempDirs.clear();
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    log(`${signal}: stopping what the benchmark started`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Processes, probes, memory

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function get(port, path, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: HOST, port, path, agent: false, timeout: timeoutMs }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () =>
        resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString() }),
      );
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

/** VmRSS of a process in kB (Linux /proc), or null where there is no /proc. */
function rssKb(pid) {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every 200 ms until stopped; returns the peak. */
function rssSampler(pid) {
  let peak = rssKb(pid);
  const timer = setInterval(() => {
    const kb = rssKb(pid);
    if (kb != null && (peak == null || kb > peak)) peak = kb;
  }, 200);
  return {
    stop() {
      clearInterval(timer);
      const kb = rssKb(pid);
      if (kb != null && (peak == null || kb > peak)) peak = kb;
      return peak;
    },
  };
}

// CPU accounting from /proc, so that a run disturbed by other work on the machine shows as such:
// "other" is the CPU time used by everything except the measured server and this runner (which
// is the load generator), in cores (1.0 = one core busy all the time).
const TICKS_PER_SECOND = 100; // USER_HZ; `getconf CLK_TCK` is 100 on Linux

function machineBusyTicks() {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return user + nice + system + irq + softirq + steal;
  } catch {
    return null;
  }
}

function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime, all threads
  } catch {
    return 0;
  }
}

/** Starts a CPU window over the target process; end() gives cores used by it, the runner and the rest. */
function cpuWindow(targetPid) {
  const t0 = performance.now();
  const busy0 = machineBusyTicks();
  const target0 = processTicks(targetPid);
  const runner0 = processTicks(process.pid);
  return {
    end() {
      const seconds = (performance.now() - t0) / 1000;
      const busy1 = machineBusyTicks();
      if (busy0 == null || busy1 == null || seconds <= 0) return null;
      const cores = (ticks) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100;
      const target = processTicks(targetPid) - target0;
      const runner = processTicks(process.pid) - runner0;
      return {
        seconds: Math.round(seconds * 100) / 100,
        targetCpuSeconds: target / TICKS_PER_SECOND,
        targetCores: cores(target),
        loadGeneratorCores: cores(runner),
        otherCores: Math.max(0, cores(busy1 - busy0 - target - runner)),
      };
    },
  };
}

const QUIET_CORES = 0.25;
/** Whether other processes used enough CPU during a measured run to distort it. */
const disturbed = (m) => Boolean(m.cpu && m.cpu.otherCores >= QUIET_CORES);

/** Waits (bounded) until the rest of the machine uses under QUIET_CORES, so runs are comparable. */
async function waitQuiet(label) {
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    const window = cpuWindow(process.pid);
    await sleep(1000);
    const cpu = window.end();
    if (!cpu) return { waitedSeconds: 0, otherCores: null };
    const waitedSeconds = Math.round((performance.now() - started) / 1000);
    if (cpu.otherCores < QUIET_CORES) return { waitedSeconds, otherCores: cpu.otherCores };
    if (waitedSeconds >= settings.quietWaitSeconds) {
      log(`${label}: the machine is still busy (other processes use ${cpu.otherCores} cores): measuring anyway`);
      return { waitedSeconds, otherCores: cpu.otherCores };
    }
    if (attempt === 0) {
      log(
        `${label}: other processes use ${cpu.otherCores} cores: waiting up to ${settings.quietWaitSeconds} s for quiet`,
      );
    }
  }
}

/**
 * Spawns `node <args>` directly (not through npm, so child.pid is the server's) with output to a
 * log file, and waits for the first 200 from readyPath. Returns the ms from spawn to that 200.
 */
async function start(name, args, env, port, readyPath, logFile) {
  const fd = openSync(logFile, 'a');
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const entry = { name, child };
  children.add(entry);
  let exitNote;
  child.on('exit', (code, signal) => {
    exitNote = `exited with ${signal ?? `code ${code}`}`;
  });
  const deadline = spawnedAt + settings.startupTimeoutSeconds * 1000;
  for (;;) {
    if (exitNote) throw new Error(`${name} ${exitNote} before it was ready. Its log:\n${tail(logFile)}`);
    if (performance.now() > deadline) {
      throw new Error(`${name} not ready within ${settings.startupTimeoutSeconds} s. Its log:\n${tail(logFile)}`);
    }
    try {
      const response = await get(port, readyPath, 1000);
      if (response.status === 200) return { entry, pid: child.pid, readyMs: Math.round(performance.now() - spawnedAt) };
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------------------------------------
// Load

function cannon(url, seconds) {
  return autocannon({ url, connections: settings.connections, duration: seconds, pipelining: 1, timeout: 10 });
}

/** Warm-up (discarded), then the measured run, sampling the target's RSS throughout. */
async function measure(label, url, pid) {
  const quiet = await waitQuiet(label);
  const sampler = rssSampler(pid);
  let warmup;
  if (settings.warmupSeconds > 0) {
    log(`${label}: warm-up ${settings.warmupSeconds} s`);
    warmup = await cannon(url, settings.warmupSeconds);
  }
  log(`${label}: measuring ${settings.seconds} s, ${settings.connections} connections`);
  const window = cpuWindow(pid);
  const r = await cannon(url, settings.seconds);
  const cpu = window.end();
  const peakRssKb = sampler.stop();
  return {
    label,
    url,
    start: r.start.getTime(),
    durationSeconds: r.duration,
    requestsPerSecond: r.requests.average,
    requestsTotal: r.requests.total,
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      mean: r.latency.average,
    },
    bytesPerSecond: r.throughput.average,
    status2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
    warmup: warmup ? { requestsTotal: warmup.requests.total, non2xx: warmup.non2xx, errors: warmup.errors } : null,
    peakRssMb: mb(peakRssKb),
    cpu,
    // Requests per CPU-second of the server process: much less sensitive than req/s to other work
    // competing for the cores (a busy machine takes CPU away, it hardly changes the cost per request).
    requestsPerServerCpuSecond: cpu?.targetCpuSeconds ? r.requests.total / cpu.targetCpuSeconds : null,
    quietBefore: quiet,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const clean = (m) =>
  m.non2xx === 0 && m.errors === 0 && (!m.warmup || (m.warmup.non2xx === 0 && m.warmup.errors === 0));

// ---------------------------------------------------------------------------------------------
// Build

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'web') newest = Math.max(newest, newestMtime(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function ensureBuild() {
  const missing = !existsSync(SERVER);
  const stale = !missing && newestMtime(join(ROOT, 'src')) > statSync(SERVER).mtimeMs;
  if (settings.build === '1' || (settings.build === 'auto' && (missing || stale))) {
    log(`building the server (${missing ? 'dist/ is missing' : stale ? 'dist/ is older than src/' : 'BENCH_BUILD=1'})`);
    execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
  } else if (missing) {
    throw new Error('dist/main.js is missing: run npm run build:server (or BENCH_BUILD=auto)');
  } else if (stale) {
    log('warning: dist/ is older than src/ and BENCH_BUILD=0: measuring the old build');
  }
}

function gitInfo() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', 'src', 'migrations', 'data'], {
        cwd: ROOT,
        encoding: 'utf8',
      }).trim() !== '';
    return { commit, dirty };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The benchmark

async function startHello(workDir) {
  const port = await freePort();
  const { entry, pid, readyMs } = await start(
    'hello-world',
    [HELLO],
    { ...process.env, PORT: String(port) },
    port,
    '/',
    join(workDir, 'hello.log'),
  );
  const check = await get(port, '/');
  if (check.status !== 200 || check.body !== '{"hello":"world"}') {
    throw new Error(`hello-world answered ${check.status} ${check.body}`);
  }
  return { entry, pid, port, readyMs, url: `http://${HOST}:${port}/` };
}

// The server's own variables are not inherited from the caller's environment (a DATABASE_URL or
// REDIS_URL there must not leak into the benchmark): the server runs on its defaults plus ours.
let serverVariables = [
  'DATABASE_URL',
  'DATA_DIR',
  'SEED_DEMO',
  'MIGRATE_ON_START',
  'DATABASE_POOL_SIZE',
  'TRUST_PROXY',
];

async function loadServerVariables() {
  try {
    const { VARIABLES } = await import(pathToFileURL(join(ROOT, 'dist', 'config.js')).href);
    if (Array.isArray(VARIABLES)) serverVariables = VARIABLES.map((v) => v.name);
  } catch {
    // an older build without the list: the fallback above
  }
}

function serverEnv(port, backend) {
  const env = { ...process.env };
  for (const name of serverVariables) delete env[name];
  return { ...env, PORT: String(port), HOST, LOG_LEVEL: settings.logLevel, ...backend };
}

async function benchBackend(kind, hello, workDir) {
  const result = { backend: kind };
  let backendEnv;
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(join(workDir, 'pglite-'));
    backendEnv = { DATA_DIR: dataDir };
    result.database = 'PGlite, fresh temp DATA_DIR';
  } else {
    let version;
    try {
      version = (await adminQuery('show server_version')).rows[0].server_version;
    } catch (error) {
      log(`postgres: skipped, PostgreSQL does not answer at ${redact(settings.pgAdminUrl)} (${error.message})`);
      return { backend: kind, skipped: `PostgreSQL unreachable at ${redact(settings.pgAdminUrl)}: ${error.message}` };
    }
    const name = `marketgate_bench_${Date.now().toString(36)}_${process.pid}`;
    await adminQuery(`create database "${name}"`);
    databases.add(name);
    const url = new URL(settings.pgAdminUrl);
    url.pathname = `/${name}`;
    backendEnv = { DATABASE_URL: url.toString() };
    result.database = `PostgreSQL ${version}, fresh database ${name} (dropped at the end)`;
    result.databaseName = name;
  }

  const port = await freePort();
  const env = serverEnv(port, backendEnv);
  // Node writes one profile per process (cold and warm start) when it exits.
  const nodeArgs = settings.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfDir}`] : [];
  const args = [...nodeArgs, SERVER, 'serve'];
  const logFile = join(workDir, `server-${kind}.log`);

  // Cold start: empty database, so migrations and the demo seed run before /readyz answers.
  log(`${kind}: cold start (empty database: migrations + demo seed)`);
  const cold = await start(`server (${kind}, cold)`, args, env, port, '/readyz', logFile);
  await sleep(1000);
  const coldIdleRssKb = rssKb(cold.pid);
  const coldStop = await stopChild(cold.entry);
  result.coldStart = { readyMs: cold.readyMs, idleRssMb: mb(coldIdleRssKb), stop: coldStop };
  log(
    `${kind}: cold start ${cold.readyMs} ms; stopped in ${coldStop.ms} ms (${coldStop.signal ?? `code ${coldStop.code}`})`,
  );

  // Warm start: the same, now populated database.
  const warm = await start(`server (${kind}, warm)`, args, env, port, '/readyz', logFile);
  await sleep(1000);
  const idleRssKb = rssKb(warm.pid);
  result.warmStart = { readyMs: warm.readyMs, idleRssMb: mb(idleRssKb) };
  log(`${kind}: warm start ${warm.readyMs} ms, idle RSS ${mb(idleRssKb)} MB`);

  // One request to check the answer (and fill the listing cache, as any first visitor would).
  const first = await get(port, LISTING_PATH, 10_000);
  if (first.status !== 200) throw new Error(`${kind}: ${LISTING_PATH} answered ${first.status}: ${first.body}`);
  const listing = JSON.parse(first.body);
  result.listing = {
    path: LISTING_PATH,
    bytes: Buffer.byteLength(first.body),
    products: listing.products.length,
    variants: listing.products.reduce((n, p) => n + p.variants.length, 0),
    contentType: first.headers['content-type'],
  };

  // The baseline right before the listing, so that the ratio compares like with like; with
  // BENCH_ROUNDS > 1 the two alternate and the summary takes the medians.
  // A round that other processes disturbed is measured again (BENCH_RETRIES per back-end); the
  // disturbed one is kept in the record as discarded.
  result.rounds = [];
  result.discarded = [];
  let retries = settings.retries;
  for (let round = 1; round <= settings.rounds; ) {
    const suffix = settings.rounds > 1 ? `, round ${round}` : '';
    const h = await measure(`hello-world (before ${kind}${suffix})`, hello.url, hello.pid);
    const l = await measure(`listing on ${kind}${suffix}`, `http://${HOST}:${port}${LISTING_PATH}`, warm.pid);
    const pair = { hello: h, load: l, ratio: l.requestsPerSecond / h.requestsPerSecond };
    if ((disturbed(h) || disturbed(l)) && retries > 0) {
      retries--;
      log(`${kind}${suffix}: other processes took CPU during the round: measuring it again`);
      for (const m of [h, l]) m.label += ' [discarded: disturbed]';
      result.discarded.push(pair);
      continue;
    }
    result.rounds.push(pair);
    round++;
  }
  result.afterLoadRssMb = mb(rssKb(warm.pid));
  result.summary = {
    helloRequestsPerSecond: median(result.rounds.map((r) => r.hello.requestsPerSecond)),
    listingRequestsPerSecond: median(result.rounds.map((r) => r.load.requestsPerSecond)),
    ratio: median(result.rounds.map((r) => r.ratio)),
    cpuCostRatio: median(
      result.rounds.map((r) => r.load.requestsPerServerCpuSecond / r.hello.requestsPerServerCpuSecond),
    ),
    listingP50: median(result.rounds.map((r) => r.load.latencyMs.p50)),
    listingP99: median(result.rounds.map((r) => r.load.latencyMs.p99)),
    helloP50: median(result.rounds.map((r) => r.hello.latencyMs.p50)),
    helloP99: median(result.rounds.map((r) => r.hello.latencyMs.p99)),
    peakRssMb: Math.max(...result.rounds.map((r) => r.load.peakRssMb ?? 0)),
    disturbedRounds: result.rounds.filter((r) => disturbed(r.hello) || disturbed(r.load)).length,
  };

  const after = await get(port, LISTING_PATH, 10_000);
  result.listing.sameBodyAfterLoad = after.status === 200 && after.body === first.body;

  const warmStop = await stopChild(warm.entry);
  result.warmStart.stop = warmStop;
  if (warmStop.code !== 0) result.note = `server exited with ${warmStop.signal ?? `code ${warmStop.code}`} on SIGTERM`;

  if (result.databaseName) {
    await dropDatabase(result.databaseName);
    log(`dropped database ${result.databaseName}`);
  }
  return result;
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const fmt = (n, digits = 0) =>
  n == null ? '–' : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const cores = (c) => (c == null ? '–' : fmt(c, 2));

function throughputTable(record) {
  const rows = [
    '| run | target | req/s (mean) | p50 ms | p99 ms | max ms | 2xx | non-2xx | errors (timeouts) | CPU server / load gen / other (cores) | req per server CPU-s | listing ÷ hello (req/s) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const row = (m, ratio) =>
    rows.push(
      `| ${m.label} | ${m.url.replace(/^http:\/\/[^/]+/, '')} | ${fmt(m.requestsPerSecond)} | ${fmt(m.latencyMs.p50)} | ` +
        `${fmt(m.latencyMs.p99)} | ${fmt(m.latencyMs.max)} | ${fmt(m.status2xx)} | ${m.non2xx} | ${m.errors} (${m.timeouts}) | ` +
        `${cores(m.cpu?.targetCores)} / ${cores(m.cpu?.loadGeneratorCores)} / ${cores(m.cpu?.otherCores)} | ` +
        `${fmt(m.requestsPerServerCpuSecond)} | ` +
        `${ratio == null ? '' : `**${fmt(ratio, 2)}**`} |`,
    );
  row(record.baseline);
  for (const b of record.backends) {
    for (const r of [...(b.discarded ?? []), ...(b.rounds ?? [])].sort((x, y) => x.hello.start - y.hello.start)) {
      row(r.hello);
      row(r.load, r.ratio);
    }
  }
  return rows.join('\n');
}

function processTable(record) {
  const rows = [
    '| process | cold start (empty DB: migrate + seed) | idle RSS after cold start | warm start | idle RSS after warm start | peak RSS under load | RSS after load | response body |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const helloPeaks = [record.baseline, ...record.backends.flatMap((b) => (b.rounds ?? []).map((r) => r.hello))];
  rows.push(
    `| hello-world (Fastify, no DB) | – | – | ${fmt(record.baseline.startMs)} ms | ${fmt(record.baseline.idleRssMb, 1)} MB | ` +
      `${fmt(Math.max(...helloPeaks.map((m) => m.peakRssMb ?? 0)), 1)} MB | – | 17 B |`,
  );
  for (const b of record.backends) {
    if (b.skipped) {
      rows.push(`| ${b.backend} | skipped: ${b.skipped} | | | | | | |`);
    } else if (b.error) {
      rows.push(`| ${b.backend} | failed: ${b.error.split('\n')[0]} | | | | | | |`);
    } else {
      rows.push(
        `| marketgate on ${b.backend} | ${fmt(b.coldStart.readyMs)} ms | ${fmt(b.coldStart.idleRssMb, 1)} MB | ${fmt(b.warmStart.readyMs)} ms | ` +
          `${fmt(b.warmStart.idleRssMb, 1)} MB | ${fmt(b.summary.peakRssMb, 1)} MB | ${fmt(b.afterLoadRssMb, 1)} MB | ` +
          `${fmt(b.listing.bytes)} B (${b.listing.products} products) |`,
      );
    }
  }
  return rows.join('\n');
}

function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

function appendResult(record) {
  let all = [];
  if (existsSync(settings.resultsFile)) {
    try {
      const parsed = JSON.parse(readFileSync(settings.resultsFile, 'utf8'));
      all = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      log(`warning: ${settings.resultsFile} is not valid JSON: starting a new list (the old file is kept as .bak)`);
      writeFileSync(`${settings.resultsFile}.bak`, readFileSync(settings.resultsFile));
    }
  }
  all.push(record);
  writeFileSync(settings.resultsFile, `${JSON.stringify(all, null, 2)}\n`);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  ensureBuild();
  await loadServerVariables();
  const workDir = mkdtempSync(join(os.tmpdir(), 'marketgate-bench-'));
  tempDirs.add(workDir);
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
      pipelining: 1,
      serverLogLevel: settings.logLevel,
      cpuProfiling: Boolean(settings.cpuProfDir),
      loadGenerator: 'autocannon (in the runner process), same machine as the servers',
    },
    baseline: null,
    backends: [],
  };

  const hello = await startHello(workDir);
  await sleep(500);
  const helloIdleKb = rssKb(hello.pid);
  record.baseline = await measure('hello-world', hello.url, hello.pid);
  record.baseline.startMs = hello.readyMs;
  record.baseline.idleRssMb = mb(helloIdleKb);

  for (const kind of settings.backends) {
    try {
      record.backends.push(await benchBackend(kind, hello, workDir));
    } catch (error) {
      log(`${kind}: failed: ${error.stack ?? error.message}`);
      record.backends.push({ backend: kind, error: String(error.message ?? error) });
      // Stop this back-end's server before the next one starts.
      for (const entry of [...children]) if (entry.name.startsWith('server')) await stopChild(entry);
    }
  }
  await stopChild(hello.entry);

  const out = [];
  out.push(`\n## Catalog benchmark, ${record.date}\n`);
  out.push(
    `Node ${record.node}, ${record.cpu}, ${record.cores} cores, ${record.memoryGb} GB; ${settings.connections} connections, ` +
      `${settings.warmupSeconds} s warm-up + ${settings.seconds} s per run, ${settings.rounds} round(s); server LOG_LEVEL=${settings.logLevel}; ` +
      `load generator on the same machine.\n`,
  );
  out.push(throughputTable(record));
  out.push('');
  out.push(processTable(record));
  out.push('');
  let failed = !clean(record.baseline);
  const many = settings.rounds > 1 ? ` (median of ${settings.rounds} rounds)` : '';
  for (const b of record.backends) {
    if (b.skipped) {
      out.push(`- ${b.backend}: skipped (${b.skipped})`);
      continue;
    }
    if (b.error) {
      failed = true;
      out.push(`- ${b.backend}: FAILED: ${b.error.split('\n')[0]}`);
      continue;
    }
    const s = b.summary;
    out.push(
      `- ${b.backend}${many}: listing ${fmt(s.listingRequestsPerSecond)} req/s ÷ hello-world ${fmt(s.helloRequestsPerSecond)} req/s; ` +
        `ratio **${fmt(s.ratio, 2)}** (per server CPU-second: ${fmt(s.cpuCostRatio, 2)}); ` +
        `latency p50/p99 listing ${fmt(s.listingP50)}/${fmt(s.listingP99)} ms, ` +
        `hello-world ${fmt(s.helloP50)}/${fmt(s.helloP99)} ms`,
    );
    for (const r of b.rounds) {
      for (const m of [r.hello, r.load]) {
        if (!clean(m)) {
          failed = true;
          out.push(
            `  - **${m.label}: ${m.non2xx} non-2xx, ${m.errors} errors (${m.timeouts} timeouts); ` +
              `status codes ${JSON.stringify(m.statusCodes)}; warm-up ${JSON.stringify(m.warmup)}**`,
          );
        }
        if (disturbed(m)) out.push(`  - ${m.label}: other processes used ${m.cpu.otherCores} cores during the run`);
      }
    }
    if (b.discarded.length) {
      out.push(
        `  - ${b.discarded.length} round(s) disturbed by other processes were measured again (marked discarded above)`,
      );
    }
    if (!b.listing.sameBodyAfterLoad) out.push('  - **the listing body changed during the run**');
    if (b.note) out.push(`  - ${b.note}`);
  }
  if (!clean(record.baseline)) {
    failed = true;
    out.push(`- **hello-world baseline: ${record.baseline.non2xx} non-2xx, ${record.baseline.errors} errors**`);
  }
  if (disturbed(record.baseline)) {
    out.push(`- hello-world baseline: other processes used ${record.baseline.cpu.otherCores} cores during the run`);
  }
  const postgres = record.backends.find((b) => b.backend === 'postgres' && b.summary);
  if (postgres) {
    const { ratio, disturbedRounds } = postgres.summary;
    const verdict = disturbedRounds
      ? `**inconclusive**: ${fmt(ratio, 2)}, but other processes took CPU in ${disturbedRounds} of ${postgres.rounds.length} ` +
        'rounds; a busy machine squeezes both rates towards what the load generator gets, so run again when it is quiet'
      : `${ratio >= 0.5 ? '**met**' : '**not met**'} (${fmt(ratio, 2)})`;
    out.push(`\nGoal (listing at half the hello-world rate or better on PostgreSQL): ${verdict}.`);
    record.goal = { ratio, met: disturbedRounds ? null : ratio >= 0.5, disturbedRounds };
  }
  appendResult(record);
  out.push(`\nAppended to ${settings.resultsFile}.`);
  process.stdout.write(`${out.join('\n')}\n`);
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
