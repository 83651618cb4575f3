// The Akismet-compatible API benchmark: how many comment-checks per second one server answers, as
// another site's Akismet plugin sends them (a form body with a realistic comment and a valid
// key), against hello-world Fastify measured in the same run on the same machine.
//
//   npm run bench:akismet                          # = node bench/akismet/run.mjs; about 2 minutes
//   BENCH_BACKENDS=pglite,postgres npm run bench:akismet
//
// One run, per back-end (default PostgreSQL; a fresh marketgate_bench_* database, or a fresh
// PGlite directory):
//   1. starts `node dist/main.js serve` without the demo data, with SPAM_API_RATE_LIMIT raised out
//      of the way (the limiter's bookkeeping still runs on every request); an admin API token from
//      `node dist/main.js tokens create`; a key for a site through the admin API;
//   2. checks the answer once (`false`: the comment is ham), then measures BENCH_ROUNDS pairs of
//      (hello-world, comment-check), each after a warm-up, with the CPU of the server, the load
//      generator and everything else; a pair other processes disturbed is measured again;
//   3. reads the key's usage through the admin API: every comment-check answered must be counted
//      (the counts are written a second after the calls, one row per key and month);
//   4. prints Markdown, appends a record to bench/akismet/results.json, and stops everything it
//      started and drops its database, also on failure or Ctrl-C.
//
// Only 127.0.0.1 is targeted; every wait is bounded. See docs/BENCHMARKS.md, "Akismet-compatible API".

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
  HOST,
  log,
  running,
  start,
  stopChild,
  trackTempDir,
} from '../support/lifecycle.mjs';
import { disturbed, machine, QUIET_CORES } from '../support/machine.mjs';
import { ROOT, SERVER } from '../support/paths.mjs';
import { appendResult, cores, fmt, median } from '../support/report.mjs';
import { ensureBuild, freshDatabase, gitInfo, loadServerVariables, serverEnv, startHello } from '../support/server.mjs';
import { backendsEnv, buildEnv, intEnv, pgAdminUrlEnv } from '../support/settings.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const PATH = '/1.1/comment-check';
const SITE = 'https://blog.bench.example';

const settings = {
  seconds: intEnv('BENCH_SECONDS', 10, 1, 600),
  warmupSeconds: intEnv('BENCH_WARMUP_SECONDS', 2, 0, 60),
  connections: intEnv('BENCH_CONNECTIONS', 100, 1, 1000),
  rounds: intEnv('BENCH_ROUNDS', 3, 1, 20),
  retries: intEnv('BENCH_RETRIES', 2, 0, 20),
  quietWaitSeconds: intEnv('BENCH_QUIET_WAIT_SECONDS', 60, 0, 600),
  startupTimeoutSeconds: intEnv('BENCH_STARTUP_TIMEOUT_SECONDS', 120, 5, 600),
  backends: backendsEnv('postgres'),
  pgAdminUrl: pgAdminUrlEnv(),
  build: buildEnv(),
  cpuProfDir: process.env.BENCH_CPU_PROF || undefined,
  resultsFile: process.env.BENCH_RESULTS || join(HERE, 'results.json'),
  logLevel: 'warn',
};

cleanupOnSignals();

/** What a WordPress site's Akismet plugin sends for an ordinary comment on a product page. */
function commentForm(key) {
  return new URLSearchParams({
    api_key: key,
    blog: SITE,
    user_ip: '203.0.113.42',
    user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
    referrer: `${SITE}/products/power-bank-20000/`,
    permalink: `${SITE}/products/power-bank-20000/`,
    comment_type: 'comment',
    comment_author: 'Maria Jensen',
    comment_author_email: 'maria.jensen@example.com',
    comment_author_url: '',
    comment_content:
      'Bought this for a camping trip last month. It charged two phones for the whole weekend and the ' +
      'battery still holds well after many charges. A bit heavy, but worth it. Does the display show ' +
      'the charge in percent or in bars?',
    comment_date_gmt: '2026-11-24T11:58:02Z',
    blog_lang: 'en_US',
    blog_charset: 'UTF-8',
    user_role: 'guest',
  }).toString();
}

/** An admin API token from the CLI, on the server's database. */
function adminToken(env) {
  return execFileSync(process.execPath, [SERVER, 'tokens', 'create', '--role', 'admin', '--name', 'bench'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  }).trim();
}

async function api(port, token, method, path, body) {
  const response = await fetch(`http://${HOST}:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

async function benchBackend(kind, hello, workDir) {
  const result = { backend: kind };
  const database = await freshDatabase(kind, workDir, settings.pgAdminUrl);
  if (database.skipped) return { backend: kind, skipped: database.skipped };
  result.database = database.description;
  try {
    const port = await freePort();
    const env = serverEnv(
      port,
      { ...database.env, SEED_DEMO: 'false', SPAM_API_RATE_LIMIT: '100000000' },
      settings.logLevel,
    );
    // The CLI migrates the fresh database; it runs first because PGlite lets one process in.
    const token = adminToken(env);
    const nodeArgs = settings.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfDir}`] : [];
    const server = await start(
      `server (${kind})`,
      [...nodeArgs, SERVER, 'serve'],
      env,
      port,
      '/readyz',
      join(workDir, `server-${kind}.log`),
      settings.startupTimeoutSeconds,
    );
    result.startMs = server.readyMs;
    log(`${kind}: server ready in ${server.readyMs} ms`);

    const key = await api(port, token, 'POST', '/api/admin/spam/keys', { site: SITE });
    const body = commentForm(key.key);
    const request = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };

    const url = `http://${HOST}:${port}${PATH}`;
    const first = await fetch(url, request);
    const answer = await first.text();
    if (first.status !== 200 || answer !== 'false') {
      throw new Error(`${kind}: comment-check answered ${first.status} "${answer}" for a comment that is ham`);
    }
    result.request = {
      path: PATH,
      bytes: Buffer.byteLength(body),
      answer,
      contentType: first.headers.get('content-type'),
    };

    result.rounds = [];
    result.discarded = [];
    let retries = settings.retries;
    for (let round = 1; round <= settings.rounds; ) {
      const suffix = settings.rounds > 1 ? `, round ${round}` : '';
      const h = await measure(`hello-world (before ${kind}${suffix})`, hello.url, hello.pid, settings);
      const c = await measure(`comment-check on ${kind}${suffix}`, url, server.pid, settings, request);
      const pair = { hello: h, load: c, ratio: c.requestsPerSecond / h.requestsPerSecond };
      if ((disturbed(h) || disturbed(c)) && retries > 0) {
        retries--;
        log(`${kind}${suffix}: other processes took CPU during the round: measuring it again`);
        for (const m of [h, c]) m.label += ' [discarded: disturbed]';
        result.discarded.push(pair);
        continue;
      }
      result.rounds.push(pair);
      round++;
    }

    // Every answered check counted: autocannon's totals miss the requests still in flight when it
    // stops, so the server may have counted up to `connections` more per run, never fewer.
    const checks = [...result.rounds, ...result.discarded].map((r) => r.load);
    const answered = 1 + checks.reduce((n, m) => n + m.requestsTotal + (m.warmup?.requestsTotal ?? 0), 0);
    const runs = checks.length * (settings.warmupSeconds > 0 ? 2 : 1);
    const { keys } = await api(port, token, 'GET', '/api/admin/spam/keys');
    const counted = keys.find((k) => k.id === key.id).month.calls;
    result.usage = { answered, counted, ok: counted >= answered && counted - answered <= runs * settings.connections };

    result.summary = {
      helloRequestsPerSecond: median(result.rounds.map((r) => r.hello.requestsPerSecond)),
      checkRequestsPerSecond: median(result.rounds.map((r) => r.load.requestsPerSecond)),
      ratio: median(result.rounds.map((r) => r.ratio)),
      cpuCostRatio: median(
        result.rounds.map((r) => r.load.requestsPerServerCpuSecond / r.hello.requestsPerServerCpuSecond),
      ),
      checkP50: median(result.rounds.map((r) => r.load.latencyMs.p50)),
      checkP99: median(result.rounds.map((r) => r.load.latencyMs.p99)),
      helloP50: median(result.rounds.map((r) => r.hello.latencyMs.p50)),
      helloP99: median(result.rounds.map((r) => r.hello.latencyMs.p99)),
      peakRssMb: Math.max(...result.rounds.map((r) => r.load.peakRssMb ?? 0)),
      disturbedRounds: result.rounds.filter((r) => disturbed(r.hello) || disturbed(r.load)).length,
    };
    result.stop = await stopChild(server.entry);
    return result;
  } finally {
    for (const entry of running('server')) await stopChild(entry);
    if (database.databaseName) await dropTrackedDatabase(database.databaseName);
  }
}

function throughputTable(record) {
  const rows = [
    '| run | req/s (mean) | p50 ms | p99 ms | 2xx | non-2xx | errors (timeouts) | CPU server / load gen / other (cores) | req per server CPU-s | check ÷ hello (req/s) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const row = (m, ratio) =>
    rows.push(
      `| ${m.label} | ${fmt(m.requestsPerSecond)} | ${fmt(m.latencyMs.p50)} | ${fmt(m.latencyMs.p99)} | ` +
        `${fmt(m.status2xx)} | ${m.non2xx} | ${m.errors} (${m.timeouts}) | ` +
        `${cores(m.cpu?.targetCores)} / ${cores(m.cpu?.loadGeneratorCores)} / ${cores(m.cpu?.otherCores)} | ` +
        `${fmt(m.requestsPerServerCpuSecond)} | ${ratio == null ? '' : `**${fmt(ratio, 2)}**`} |`,
    );
  for (const b of record.backends) {
    for (const r of [...(b.discarded ?? []), ...(b.rounds ?? [])].sort((x, y) => x.hello.start - y.hello.start)) {
      row(r.hello);
      row(r.load, r.ratio);
    }
  }
  return rows.join('\n');
}

function report(record) {
  const out = [`\n## Akismet-compatible API benchmark, ${record.date}\n`];
  out.push(
    `Node ${record.node}, ${record.cpu}, ${record.cores} cores, ${record.memoryGb} GB; ${settings.connections} connections, ` +
      `${settings.warmupSeconds} s warm-up + ${settings.seconds} s per run, ${settings.rounds} round(s); ` +
      `POST ${PATH} with a ${record.backends.find((b) => b.request)?.request.bytes ?? '?'}-byte form; load generator on the same machine.\n`,
  );
  out.push(throughputTable(record), '');
  let failed = false;
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
    const many = settings.rounds > 1 ? ` (median of ${b.rounds.length} rounds)` : '';
    out.push(
      `- ${b.backend}${many}: comment-check ${fmt(s.checkRequestsPerSecond)} req/s ÷ hello-world ${fmt(s.helloRequestsPerSecond)} req/s; ` +
        `ratio **${fmt(s.ratio, 2)}** (per server CPU-second: ${fmt(s.cpuCostRatio, 2)}); latency p50/p99 ` +
        `comment-check ${fmt(s.checkP50)}/${fmt(s.checkP99)} ms, hello-world ${fmt(s.helloP50)}/${fmt(s.helloP99)} ms; ` +
        `server peak RSS ${fmt(s.peakRssMb, 1)} MB`,
    );
    out.push(
      `  - usage: ${fmt(b.usage.counted)} checks counted for ${fmt(b.usage.answered)} answers seen ` +
        `${b.usage.ok ? '(every answer counted)' : '**(MISMATCH)**'}`,
    );
    if (!b.usage.ok) failed = true;
    for (const r of b.rounds) {
      for (const m of [r.hello, r.load]) {
        if (!clean(m)) {
          failed = true;
          out.push(`  - **${m.label}: ${m.non2xx} non-2xx, ${m.errors} errors; ${JSON.stringify(m.statusCodes)}**`);
        }
        if (disturbed(m)) out.push(`  - ${m.label}: other processes used ${m.cpu.otherCores} cores during the run`);
      }
    }
    if (b.discarded.length) out.push(`  - ${b.discarded.length} disturbed round(s) measured again (marked above)`);
  }
  return { text: out.join('\n'), failed };
}

async function main() {
  ensureBuild(settings.build);
  await loadServerVariables();
  const workDir = mkdtempSync(join(os.tmpdir(), 'marketgate-bench-'));
  trackTempDir(workDir);
  const { pgAdminUrl: _, resultsFile: __, ...rest } = settings;
  const record = {
    date: new Date().toISOString(),
    ...machine(),
    git: gitInfo(),
    label: process.env.BENCH_LABEL || undefined,
    command: process.argv.slice(1).join(' '),
    settings: {
      ...rest,
      quietThresholdCores: QUIET_CORES,
      pipelining: 1,
      loadGenerator: 'autocannon (in the runner process), same machine as the servers',
    },
    backends: [],
  };
  const hello = await startHello(workDir, settings.startupTimeoutSeconds);
  for (const kind of settings.backends) {
    try {
      record.backends.push(await benchBackend(kind, hello, workDir));
    } catch (error) {
      log(`${kind}: failed: ${error.stack ?? error.message}`);
      record.backends.push({ backend: kind, error: String(error.message ?? error) });
    }
  }
  await stopChild(hello.entry);
  const { text, failed } = report(record);
  appendResult(settings.resultsFile, record);
  process.stdout.write(`${text}\n\nAppended to ${settings.resultsFile}.\n`);
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
