// One measurement with the load loop, taken the way bench/support/autocannon.mjs takes one with
// autocannon: wait for a quiet machine, warm up (discarded from the rates), measure, with the
// target's peak RSS and the CPU of the server, its PostgreSQL backends, the load generator and
// the rest; on PostgreSQL, also what the backends were doing (sampled from pg_stat_activity).

import { log } from '../support/lifecycle.mjs';
import { cpuWindow, mb, rssSampler, waitQuiet } from '../support/machine.mjs';
import { activitySampler, backendPids } from './database.mjs';
import { drive } from './load.mjs';

/**
 * target: { port, pid, iteration }. settings: { seconds, warmupSeconds, connections,
 * quietWaitSeconds, adminUrl, databaseName (PostgreSQL only) }.
 * The result's orderIds are every order paid, warm-up included.
 */
export async function measureLoop(label, target, settings) {
  const { port, pid, iteration } = target;
  const { adminUrl, databaseName } = settings;
  const quiet = await waitQuiet(label, settings.quietWaitSeconds);
  const sampler = rssSampler(pid);
  const orderIds = [];
  let warmup;
  if (settings.warmupSeconds > 0) {
    log(`${label}: warm-up ${settings.warmupSeconds} s`);
    warmup = await drive({ port, clients: settings.connections, seconds: settings.warmupSeconds, iteration });
    orderIds.push(...warmup.orderIds);
  }
  log(`${label}: measuring ${settings.seconds} s, ${settings.connections} clients`);
  const pids = databaseName ? await backendPids(adminUrl, databaseName) : undefined;
  const activity = databaseName ? await activitySampler(adminUrl, databaseName) : undefined;
  const window = cpuWindow(pid, pids);
  const r = await drive({ port, clients: settings.connections, seconds: settings.seconds, iteration });
  const cpu = window.end(databaseName ? await backendPids(adminUrl, databaseName) : []);
  const databaseActivity = activity ? await activity.stop() : undefined;
  const peakRssKb = sampler.stop();
  orderIds.push(...r.orderIds);
  return {
    label,
    url: `http://127.0.0.1:${port}/`,
    start: Date.now() - Math.round(r.elapsedSeconds * 1000),
    ...r,
    orderIds,
    warmup: warmup ? { completed: warmup.completed, failed: warmup.failed, failures: warmup.failures } : null,
    peakRssMb: mb(peakRssKb),
    cpu,
    databaseActivity,
    // Iterations (purchases) per CPU-second of the server process, as autocannon.mjs reports requests.
    perServerCpuSecond: cpu?.targetCpuSeconds ? r.completed / cpu.targetCpuSeconds : null,
    quietBefore: quiet,
  };
}
