// What the PostgreSQL backends serving the benchmark's database do under load: their pids (for
// the CPU accounting) and, sampled every 100 ms from pg_stat_activity, what each was doing. A
// backend waiting on a Lock is queued behind another transaction's row lock; "idle in
// transaction" is a transaction held open while the app does something else; ClientRead is the
// backend waiting for the app's next statement.

import pg from 'pg';
import { adminQuery } from '../support/postgres.mjs';

export async function backendPids(adminUrl, database) {
  const { rows } = await adminQuery(adminUrl, 'select pid from pg_stat_activity where datname = $1', [database]);
  return rows.map((r) => r.pid);
}

/** Starts sampling; stop() resolves with each activity's share of the backend samples. */
export async function activitySampler(adminUrl, database, everyMs = 100) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  await client.connect();
  const counts = new Map();
  let samples = 0;
  let backends = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const next = new Promise((resolve) => setTimeout(resolve, everyMs));
      const { rows } = await client.query(
        `select state, wait_event_type, wait_event from pg_stat_activity
          where datname = $1 and backend_type = 'client backend'`,
        [database],
      );
      samples++;
      for (const r of rows) {
        backends++;
        const what =
          r.state === 'active'
            ? r.wait_event_type
              ? `active, waiting on ${r.wait_event_type}: ${r.wait_event}`
              : 'active, running'
            : r.state === 'idle'
              ? 'idle (in the pool)'
              : `${r.state}${r.wait_event ? ` (${r.wait_event})` : ''}`;
        counts.set(what, (counts.get(what) ?? 0) + 1);
      }
      await next;
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop.catch(() => {});
      await client.end().catch(() => {});
      const share = [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([what, count]) => ({ what, share: Math.round((count / backends) * 1000) / 1000 }));
      return { samples, backendsPerSample: samples ? Math.round((backends / samples) * 10) / 10 : 0, share };
    },
  };
}
