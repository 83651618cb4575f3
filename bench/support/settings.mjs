// The knobs every benchmark reads from the environment (BENCH_*), checked once at start: a value
// out of range stops the run with exit code 2 before anything is started.

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function refuse(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

export function intEnv(name, fallback, min, max) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    refuse(`${name}="${raw}" is not allowed: use an integer from ${min} to ${max}.`);
  }
  return value;
}

/** BENCH_BACKENDS: pglite, postgres or both, comma-separated. */
export function backendsEnv(fallback) {
  const backends = (process.env.BENCH_BACKENDS ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const b of backends) {
    if (b !== 'pglite' && b !== 'postgres') {
      refuse(`BENCH_BACKENDS has "${b}": use pglite, postgres or both (comma-separated).`);
    }
  }
  return backends;
}

/** BENCH_BUILD: auto (build when dist/ is missing or stale), 1 (always) or 0 (never). */
export function buildEnv() {
  const build = process.env.BENCH_BUILD ?? 'auto';
  if (!['auto', '0', '1'].includes(build)) refuse(`BENCH_BUILD="${build}" is not allowed: use auto, 0 or 1.`);
  return build;
}

/** BENCH_PG_URL: the admin connection that creates and drops the benchmark's databases; local only. */
export function pgAdminUrlEnv() {
  const url = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let host;
  try {
    host = new URL(url).hostname;
  } catch {
    refuse('BENCH_PG_URL is not a URL.');
  }
  if (!LOCAL_HOSTS.has(host)) refuse(`BENCH_PG_URL must point at 127.0.0.1 or localhost, not "${host}".`);
  return url;
}
