import { readFileSync } from 'node:fs';
import { median } from '../support/report.mjs';

// Timing one piece of work done in this process: wall time, this process's CPU time, and the CPU
// everything else on the machine used meanwhile (from /proc/stat), so a reader can tell a quiet
// run from a disturbed one. With PGlite the database runs inside this process, so its work counts
// as this process's CPU; with PostgreSQL the server's work counts as "other". (support/machine.mjs
// measures a server in another process, with this process as its load generator.)

/** CPU time the whole machine spent busy, in ms, or null off Linux. */
function machineBusyMs() {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    // USER_HZ is 100 on Linux: a tick is 10 ms.
    return (user + nice + system + irq + softirq + (steal ?? 0)) * 10;
  } catch {
    return null;
  }
}

/** Runs the work once: { ms, cpuMs (this process), otherCores (everything else), result }. */
export async function timed(work) {
  const busy = machineBusyMs();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const busyAfter = machineBusyMs();
  const otherCores = busy === null || busyAfter === null ? null : Math.max(0, (busyAfter - busy - cpuMs) / ms);
  return { ms, cpuMs, otherCores, result };
}

/** Runs the work n times; the work returns how many verdicts it made. */
export async function rounds(n, work) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const { result, ...timing } = await timed(work);
    out.push({ ...timing, verdicts: result });
  }
  return out;
}

/** Medians of the rounds, as verdicts per second of wall time and per CPU-second of this process. */
export function summary(name, runs) {
  const ms = median(runs.map((r) => r.ms));
  const verdicts = runs[0].verdicts;
  return {
    name,
    verdicts,
    ms,
    perSecond: (verdicts / ms) * 1000,
    perCpuSecond: (verdicts / median(runs.map((r) => r.cpuMs))) * 1000,
    rangeMs: [Math.min(...runs.map((r) => r.ms)), Math.max(...runs.map((r) => r.ms))],
    otherCores: median(runs.map((r) => r.otherCores ?? 0)),
    runs: runs.map(({ ms, cpuMs, otherCores }) => ({ ms, cpuMs, otherCores })),
  };
}
