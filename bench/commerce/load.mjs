// The load loop: N clients, each on its own connection, each repeating an iteration (a purchase,
// or one hello-world request) back to back until the time is up. autocannon cannot chain requests
// that depend on each other's answers (the cart's id, the order's id), hence this loop.
//
// Rates count what completed inside the window; what was in flight at the deadline finishes and
// is counted in the totals (the orders it made are real), not in the rates.

import { connection } from './shopper.mjs';

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function latency(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v) => (v == null ? null : Math.round(v * 10) / 10);
  return {
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? null),
    mean: round(sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null),
  };
}

/**
 * Runs `clients` concurrent loops of iteration(conn, client, n) for `seconds` against the port.
 * iteration resolves with { ms, end, steps: { name: ms }, requests } or throws (a failure, with
 * .step and .status when it is a PurchaseFailure). Returns counts, rates and latencies.
 */
export async function drive({ port, clients, seconds, iteration }) {
  const connections = Array.from({ length: clients }, () => connection(port));
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const durations = [];
  const stepDurations = {};
  const failures = new Map(); // "step status" -> { count, example }
  let completed = 0;
  let completedInWindow = 0;
  let requestsInWindow = 0;
  let failed = 0;
  const ids = [];

  await Promise.all(
    connections.map(async (conn, client) => {
      for (let n = 0; performance.now() < deadline; n++) {
        try {
          const result = await iteration(conn, client, n);
          completed++;
          if (result.orderId) ids.push(result.orderId);
          if (result.end > deadline) continue;
          completedInWindow++;
          requestsInWindow += result.requests;
          durations.push(result.ms);
          for (const [step, ms] of Object.entries(result.steps)) {
            stepDurations[step] ??= [];
            stepDurations[step].push(ms);
          }
        } catch (error) {
          failed++;
          const key = `${error.step ?? 'error'} ${error.status ?? ''}`.trim();
          const entry = failures.get(key) ?? { count: 0, example: error.message };
          entry.count++;
          failures.set(key, entry);
        }
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  for (const conn of connections) conn.close();
  return {
    clients,
    seconds,
    elapsedSeconds: Math.round(elapsedSeconds * 100) / 100,
    completed,
    completedInWindow,
    failed,
    failures: Object.fromEntries(failures),
    perSecond: completedInWindow / seconds,
    requestsPerSecond: requestsInWindow / seconds,
    latencyMs: latency(durations),
    steps: Object.fromEntries(Object.entries(stepDurations).map(([step, values]) => [step, latency(values)])),
    orderIds: ids,
  };
}
