// One autocannon measurement as every benchmark takes it: wait for a quiet machine, warm up
// (discarded), then the measured run, with the target's peak RSS and the CPU of everything involved.

import autocannon from 'autocannon';
import { log } from './lifecycle.mjs';
import { cpuWindow, mb, rssSampler, waitQuiet } from './machine.mjs';

function cannon(url, seconds, connections, request) {
  return autocannon({ url, connections, duration: seconds, pipelining: 1, timeout: 10, ...request });
}

/**
 * Warm-up (discarded), then the measured run, sampling the target's RSS throughout.
 * settings: { seconds, warmupSeconds, connections, quietWaitSeconds }; request: what else every
 * request carries, as autocannon takes it ({ method, headers, body }; default a plain GET).
 */
export async function measure(label, url, pid, settings, request = {}) {
  const quiet = await waitQuiet(label, settings.quietWaitSeconds);
  const sampler = rssSampler(pid);
  let warmup;
  if (settings.warmupSeconds > 0) {
    log(`${label}: warm-up ${settings.warmupSeconds} s`);
    warmup = await cannon(url, settings.warmupSeconds, settings.connections, request);
  }
  log(`${label}: measuring ${settings.seconds} s, ${settings.connections} connections`);
  const window = cpuWindow(pid);
  const r = await cannon(url, settings.seconds, settings.connections, request);
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

/** No non-2xx answer and no failed request, warm-up included. */
export const clean = (m) =>
  m.non2xx === 0 && m.errors === 0 && (!m.warmup || (m.warmup.non2xx === 0 && m.warmup.errors === 0));
