// The three measurements of a flash-sale run, all with the same load code (load.mjs): hello-world
// as the baseline, the early clicks before the start (the warm-up), and the rush itself, which
// counts every answer by status and problem type, times it, keeps every admission it was given,
// and takes the CPU of the instances, PostgreSQL, Redis and the load generator.

import { randomUUID } from 'node:crypto';
import { activitySampler, backendPids } from '../commerce/database.mjs';
import { HOST, log } from '../support/lifecycle.mjs';
import { cpuGroupsWindow, waitQuiet } from '../support/machine.mjs';
import { fire, latency, problemCode } from './load.mjs';

const tally = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);

/** Hello-world on as many processes as the engine's instances, with the same connections and load code. */
export async function measureHello(hellos, label, settings) {
  const urls = hellos.map((h) => `http://${HOST}:${h.port}`);
  const request = () => ({ method: 'GET', path: '/' });
  const quiet = await waitQuiet(label, settings.quietWaitSeconds);
  if (settings.warmupSeconds > 0) {
    log(`${label}: warm-up ${settings.warmupSeconds} s`);
    await fire({ urls, connections: settings.connections, seconds: settings.warmupSeconds, request, onAnswer() {} });
  }
  log(`${label}: measuring ${settings.seconds} s, ${settings.connections} connections`);
  const window = cpuGroupsWindow({ servers: hellos.map((h) => h.pid) });
  const statuses = new Map();
  const ms = [];
  // Requests in flight at the end are still answered: the window closes with the first late answer.
  let cpu;
  const { result } = await fire({
    urls,
    connections: settings.connections,
    seconds: settings.seconds,
    request,
    onAnswer(_n, status, _body, took, at) {
      if (at > settings.seconds * 1000) {
        cpu ??= window.end();
        return;
      }
      tally(statuses, status);
      ms.push(took);
    },
  });
  cpu ??= window.end();
  return {
    label,
    processes: hellos.length,
    seconds: settings.seconds,
    requestsPerSecond: ms.length / settings.seconds,
    latencyMs: latency(ms),
    statuses: Object.fromEntries(statuses),
    errors: result.errors,
    timeouts: result.timeouts,
    cpu,
    quietBefore: quiet,
  };
}

/** Eager buyers' clicks before the start, from addresses that are not buyers: each should get 425. */
export async function earlyClicks({ urls, path }, settings) {
  const early = new Map();
  if (settings.warmupSeconds === 0) return {};
  await fire({
    urls,
    connections: settings.connections,
    seconds: settings.warmupSeconds,
    request: (i) => ({
      method: 'POST',
      path,
      body: JSON.stringify({ email: `early-${i}@bench.example.com` }),
      headers: { 'idempotency-key': randomUUID() },
    }),
    onAnswer: (_i, status) => tally(early, status),
  });
  return Object.fromEntries(early);
}

/**
 * The rush: settings.attempts attempts, attempt n by buyer n mod buyers.length with their token and
 * a fresh Idempotency-Key. processes: { servers: pids, redis: pid or undefined }. Returns the
 * figures, and every admission answered 201 (id -> email).
 */
export async function rush({ urls, path, buyers, processes, databaseName }, settings) {
  const pgPids = () => backendPids(settings.pgAdminUrl, databaseName);
  const groups = { servers: processes.servers, postgres: await pgPids() };
  if (processes.redis) groups.redis = [processes.redis];
  const activity = await activitySampler(settings.pgAdminUrl, databaseName);
  // The pools may open connections during the rush: their pids are kept current for the window's end.
  let pgPidsNow = groups.postgres;
  const refresh = setInterval(() => {
    pgPids().then(
      (pids) => {
        pgPidsNow = pids;
      },
      () => {},
    );
  }, 250);
  const window = cpuGroupsWindow(groups);
  const began = performance.now();
  const statuses = new Map();
  const codes = new Map();
  const admitted = new Map(); // admission id -> email
  const ms = { all: [], admitted: [], refused: [] };
  const admittedAt = [];
  const refusedAt = [];
  let firstSoldOutAt = null;
  let lastAt = 0;
  let cpu;
  let wrongEmail = 0;
  const { result: load, sent } = await fire({
    urls,
    connections: settings.connections,
    amount: settings.attempts,
    request: (i) => {
      const buyer = buyers[i % buyers.length];
      return {
        method: 'POST',
        path,
        body: `{"email":"${buyer.email}","registrationToken":"${buyer.token}"}`,
        headers: { 'idempotency-key': randomUUID() },
      };
    },
    onAnswer(i, status, body, took, at) {
      tally(statuses, status);
      ms.all.push(took);
      lastAt = Math.max(lastAt, at);
      // The last answer closes the CPU window.
      if (ms.all.length === settings.attempts) cpu = window.end({ postgres: pgPidsNow });
      if (status === 201) {
        const admission = JSON.parse(body);
        admitted.set(admission.id, admission.email);
        if (admission.email !== buyers[i % buyers.length].email) wrongEmail++;
        ms.admitted.push(took);
        admittedAt.push(at);
        return;
      }
      const code = `${status} ${problemCode(body)}`;
      tally(codes, code);
      if (status === 409 || status === 429) {
        ms.refused.push(took);
        refusedAt.push(at);
      }
      if (code === '409 sold-out' && firstSoldOutAt === null) firstSoldOutAt = at;
    },
  });
  clearInterval(refresh);
  cpu ??= window.end({ postgres: await pgPids() });
  const databaseActivity = await activity.stop();
  const lastAdmittedAt = admittedAt.length ? Math.max(...admittedAt) : null;
  const refusals = refusedAt.length;
  const refusedAfterSoldOut = lastAdmittedAt == null ? 0 : refusedAt.filter((at) => at > lastAdmittedAt).length;
  return {
    admitted,
    rush: {
      began,
      attempts: settings.attempts,
      sent,
      answered: ms.all.length,
      errors: load.errors,
      timeouts: load.timeouts,
      statuses: Object.fromEntries(statuses),
      refusals: Object.fromEntries(codes),
      seconds: lastAt / 1000,
      requestsPerSecond: ms.all.length / (lastAt / 1000),
      admissions: admitted.size,
      admissionsPerSecond: lastAdmittedAt ? admitted.size / (lastAdmittedAt / 1000) : null,
      soldOutAfterSeconds: lastAdmittedAt == null ? null : lastAdmittedAt / 1000,
      firstSoldOutAnswerSeconds: firstSoldOutAt == null ? null : firstSoldOutAt / 1000,
      refusalsPerSecond: refusals / (lastAt / 1000),
      refusedAfterSoldOut,
      refusalsPerSecondAfterSoldOut:
        lastAdmittedAt == null || lastAt <= lastAdmittedAt
          ? null
          : refusedAfterSoldOut / ((lastAt - lastAdmittedAt) / 1000),
      latencyMs: { all: latency(ms.all), admitted: latency(ms.admitted), refused: latency(ms.refused) },
      wrongEmail,
      cpu,
      databaseActivity,
    },
  };
}
