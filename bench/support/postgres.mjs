// The PostgreSQL side of a benchmark: an admin connection (BENCH_PG_URL) that creates and drops
// the marketgate_bench_* databases, and reads which server processes work for one of them.

import pg from 'pg';

export async function adminQuery(adminUrl, sql, values) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function dropDatabase(adminUrl, name) {
  try {
    await adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
  } catch (error) {
    // PostgreSQL before 13 has no WITH (FORCE): end the sessions, then drop.
    if (!/syntax/i.test(String(error?.message))) throw error;
    await adminQuery(adminUrl, `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);
    await adminQuery(adminUrl, `drop database if exists "${name}"`);
  }
}

/** The connection URL of another database on the same server. */
export function databaseUrl(adminUrl, name) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
