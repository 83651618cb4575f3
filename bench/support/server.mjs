// The servers a benchmark measures: the compiled marketgate (built first when dist/ is stale) on
// a fresh database of either back-end, and the hello-world baseline. All on 127.0.0.1.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort, get, HOST, log, start, trackDatabase } from './lifecycle.mjs';
import { HELLO, ROOT, SERVER } from './paths.mjs';
import { adminQuery, databaseUrl, redact } from './postgres.mjs';

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

/** build: 'auto' (when dist/ is missing or older than src/), '1' (always) or '0' (never). */
export function ensureBuild(build) {
  const missing = !existsSync(SERVER);
  const stale = !missing && newestMtime(join(ROOT, 'src')) > statSync(SERVER).mtimeMs;
  if (build === '1' || (build === 'auto' && (missing || stale))) {
    log(`building the server (${missing ? 'dist/ is missing' : stale ? 'dist/ is older than src/' : 'BENCH_BUILD=1'})`);
    execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
  } else if (missing) {
    throw new Error('dist/main.js is missing: run npm run build:server (or BENCH_BUILD=auto)');
  } else if (stale) {
    log('warning: dist/ is older than src/ and BENCH_BUILD=0: measuring the old build');
  }
}

export function gitInfo() {
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

export async function startHello(workDir, timeoutSeconds) {
  const port = await freePort();
  const { entry, pid, readyMs } = await start(
    'hello-world',
    [HELLO],
    { ...process.env, PORT: String(port) },
    port,
    '/',
    join(workDir, 'hello.log'),
    timeoutSeconds,
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

export async function loadServerVariables() {
  try {
    const { VARIABLES } = await import(pathToFileURL(join(ROOT, 'dist', 'config.js')).href);
    if (Array.isArray(VARIABLES)) serverVariables = VARIABLES.map((v) => v.name);
  } catch {
    // an older build without the list: the fallback above
  }
}

export function serverEnv(port, backend, logLevel) {
  const env = { ...process.env };
  for (const name of serverVariables) delete env[name];
  return { ...env, PORT: String(port), HOST, LOG_LEVEL: logLevel, ...backend };
}

/**
 * A fresh, empty database of the kind: PGlite in a temp directory under workDir, or a new
 * marketgate_bench_* database on the PostgreSQL of pgAdminUrl (dropped by cleanup()). Returns the
 * server variables that point at it, or { skipped } when PostgreSQL does not answer.
 */
export async function freshDatabase(kind, workDir, pgAdminUrl) {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(join(workDir, 'pglite-'));
    return { env: { DATA_DIR: dataDir }, description: 'PGlite, fresh temp DATA_DIR' };
  }
  let version;
  try {
    version = (await adminQuery(pgAdminUrl, 'show server_version')).rows[0].server_version;
  } catch (error) {
    log(`postgres: skipped, PostgreSQL does not answer at ${redact(pgAdminUrl)} (${error.message})`);
    return { skipped: `PostgreSQL unreachable at ${redact(pgAdminUrl)}: ${error.message}` };
  }
  const name = `marketgate_bench_${Date.now().toString(36)}_${process.pid}`;
  await adminQuery(pgAdminUrl, `create database "${name}"`);
  trackDatabase(name, pgAdminUrl);
  return {
    env: { DATABASE_URL: databaseUrl(pgAdminUrl, name) },
    description: `PostgreSQL ${version}, fresh database ${name} (dropped at the end)`,
    databaseName: name,
  };
}
