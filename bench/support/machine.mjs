// What the machine does during a measurement, from Linux /proc: memory of a process, and the CPU
// used by the measured server, by the load generator (this runner), by the database server's
// processes when there are some to name, and by everything else ("other"), in cores (1.0 = one
// core busy all the time). A run that "other" disturbed is measured again by the benchmarks.

import { readFileSync } from 'node:fs';
import os from 'node:os';
import { log, sleep } from './lifecycle.mjs';

export const mb = (kb) => (kb == null ? null : Math.round((kb / 1024) * 10) / 10);

/** VmRSS of a process in kB (Linux /proc), or null where there is no /proc. */
export function rssKb(pid) {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every 200 ms until stopped; returns the peak. */
export function rssSampler(pid) {
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

/**
 * Starts a CPU window over the target process; end() gives cores used by it, the runner and the
 * rest. With databasePids (the PostgreSQL backends serving the target), their CPU is counted
 * apart as databaseCores instead of as "other"; end() takes the pids seen at the end too, so a
 * connection opened during the window is counted (from zero).
 */
export function cpuWindow(targetPid, databasePids) {
  const t0 = performance.now();
  const busy0 = machineBusyTicks();
  const target0 = processTicks(targetPid);
  const runner0 = processTicks(process.pid);
  const database0 = new Map((databasePids ?? []).map((pid) => [pid, processTicks(pid)]));
  return {
    end(databasePidsAtEnd = []) {
      const seconds = (performance.now() - t0) / 1000;
      const busy1 = machineBusyTicks();
      if (busy0 == null || busy1 == null || seconds <= 0) return null;
      const cores = (ticks) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100;
      const target = processTicks(targetPid) - target0;
      const runner = processTicks(process.pid) - runner0;
      const result = {
        seconds: Math.round(seconds * 100) / 100,
        targetCpuSeconds: target / TICKS_PER_SECOND,
        targetCores: cores(target),
        loadGeneratorCores: cores(runner),
      };
      let database = 0;
      if (databasePids) {
        for (const pid of new Set([...database0.keys(), ...databasePidsAtEnd])) {
          // A backend that ended during the window reads 0 at the end: count nothing for it.
          database += Math.max(0, processTicks(pid) - (database0.get(pid) ?? 0));
        }
        result.databaseCpuSeconds = database / TICKS_PER_SECOND;
        result.databaseCores = cores(database);
      }
      result.otherCores = Math.max(0, cores(busy1 - busy0 - target - runner - database));
      return result;
    },
  };
}

/**
 * A CPU window over named groups of processes, for runs with more than one process to measure
 * (app instances, PostgreSQL's backends, Redis): groups is { name: [pid, ...] }. end(atEnd) takes
 * the pids seen at the end too, in the same shape, so a process started during the window (a new
 * PostgreSQL connection) counts from zero. end() gives each group's cores and CPU-seconds, the
 * load generator's (this process) and the rest's.
 */
export function cpuGroupsWindow(groups) {
  const t0 = performance.now();
  const busy0 = machineBusyTicks();
  const start = Object.fromEntries(
    Object.entries(groups).map(([name, pids]) => [name, new Map(pids.map((pid) => [pid, processTicks(pid)]))]),
  );
  const runner0 = processTicks(process.pid);
  return {
    end(atEnd = {}) {
      const seconds = (performance.now() - t0) / 1000;
      const busy1 = machineBusyTicks();
      if (busy0 == null || busy1 == null || seconds <= 0) return null;
      const cores = (ticks) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100;
      const result = { seconds: Math.round(seconds * 100) / 100, groups: {} };
      let counted = 0;
      for (const [name, before] of Object.entries(start)) {
        let ticks = 0;
        for (const pid of new Set([...before.keys(), ...(atEnd[name] ?? [])])) {
          // A process that ended during the window reads 0 at the end: count nothing for it.
          ticks += Math.max(0, processTicks(pid) - (before.get(pid) ?? 0));
        }
        counted += ticks;
        result.groups[name] = { cores: cores(ticks), cpuSeconds: ticks / TICKS_PER_SECOND };
      }
      const runner = processTicks(process.pid) - runner0;
      result.loadGeneratorCores = cores(runner);
      result.otherCores = Math.max(0, cores(busy1 - busy0 - counted - runner));
      return result;
    },
  };
}

export const QUIET_CORES = 0.25;
/** Whether other processes used enough CPU during a measured run to distort it. */
export const disturbed = (m) => Boolean(m.cpu && m.cpu.otherCores >= QUIET_CORES);

/** Waits (bounded) until the rest of the machine uses under QUIET_CORES, so runs are comparable. */
export async function waitQuiet(label, maxWaitSeconds) {
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    const window = cpuWindow(process.pid);
    await sleep(1000);
    const cpu = window.end();
    if (!cpu) return { waitedSeconds: 0, otherCores: null };
    const waitedSeconds = Math.round((performance.now() - started) / 1000);
    if (cpu.otherCores < QUIET_CORES) return { waitedSeconds, otherCores: cpu.otherCores };
    if (waitedSeconds >= maxWaitSeconds) {
      log(`${label}: the machine is still busy (other processes use ${cpu.otherCores} cores): measuring anyway`);
      return { waitedSeconds, otherCores: cpu.otherCores };
    }
    if (attempt === 0) {
      log(`${label}: other processes use ${cpu.otherCores} cores: waiting up to ${maxWaitSeconds} s for quiet`);
    }
  }
}

export function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}
