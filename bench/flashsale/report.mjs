// The flash-sale benchmark's Markdown: the summary by engine (the table kept in
// docs/BENCHMARKS.md), what the answers were, and the checks.

import { cores, fmt } from '../support/report.mjs';

/** The issue's goal: the Redis engine's purchase route at half the hello-world rate or better. */
export const GOAL = 0.5;

const ms = (x) => (x == null ? '–' : fmt(x, x < 10 ? 1 : 0));
const ratio = (x) => (x == null ? '–' : fmt(x, 2));
const name = (e) => `${e.engine} engine, ${e.instances} instance${e.instances > 1 ? 's' : ''}`;

function cpu(c) {
  if (!c) return '–';
  const g = (k) => (c.groups[k] ? cores(c.groups[k].cores) : '–');
  return `${g('servers')} / ${g('postgres')} / ${g('redis')} / ${cores(c.loadGeneratorCores)} / ${cores(c.otherCores)}`;
}

function summaryTable(done) {
  const rows = [`| | ${done.map(name).join(' | ')} |`, `|---|${done.map(() => '---:').join('|')}|`];
  const row = (label, pick) => rows.push(`| ${label} | ${done.map(pick).join(' | ')} |`);
  const r = (e) => e.rush;
  row('hello-world, req/s (as many processes, same connections and client)', (e) => fmt(e.hello.requestsPerSecond));
  row('hello-world p50 / p99', (e) => `${ms(e.hello.latencyMs.p50)} / ${ms(e.hello.latencyMs.p99)} ms`);
  row('purchase attempts answered', (e) => `${fmt(r(e).answered)} of ${fmt(r(e).attempts)}`);
  row('rush, first attempt to last answer', (e) => `${fmt(r(e).seconds, 2)} s`);
  row('purchase requests/s', (e) => fmt(r(e).requestsPerSecond));
  row('**purchase requests/s ÷ hello-world req/s**', (e) => `**${ratio(e.ratio)}**`);
  row('admitted (201)', (e) => fmt(r(e).admissions));
  row('sold out after (last 201)', (e) => `${fmt(r(e).soldOutAfterSeconds, 2)} s`);
  row('**admissions/s** (201s ÷ time to sold out)', (e) => `**${fmt(r(e).admissionsPerSecond)}**`);
  row('refused (409 + 429)', (e) => fmt(r(e).answered - r(e).admissions - otherCount(e)));
  row('**refusals/s** (whole rush)', (e) => `**${fmt(r(e).refusalsPerSecond)}**`);
  row('refusals/s after sold out', (e) => fmt(r(e).refusalsPerSecondAfterSoldOut));
  row('**p50 / p99, all attempts**', (e) => `**${ms(r(e).latencyMs.all.p50)} / ${ms(r(e).latencyMs.all.p99)} ms**`);
  row('p50 / p99, admitted', (e) => `${ms(r(e).latencyMs.admitted.p50)} / ${ms(r(e).latencyMs.admitted.p99)} ms`);
  row('p50 / p99, refused', (e) => `${ms(r(e).latencyMs.refused.p50)} / ${ms(r(e).latencyMs.refused.p99)} ms`);
  row('CPU during the rush: app / PostgreSQL / Redis / load gen / other (cores)', (e) => cpu(r(e).cpu));
  row('app CPU per attempt', (e) =>
    r(e).cpu ? `${fmt((r(e).cpu.groups.servers.cpuSeconds * 1e6) / r(e).answered)} µs` : '–',
  );
  row('hello-world server CPU per request', (e) =>
    e.hello.cpu
      ? `${fmt((e.hello.cpu.groups.servers.cpuSeconds * 1e6) / (e.hello.requestsPerSecond * e.hello.seconds))} µs`
      : '–',
  );
  row('hand-off: admissions in the database at the rush end', (e) => fmt(e.drain.atRushEnd.admissions));
  row('**oversold**', (e) => `**${oversold(e)}**`);
  row('**lost** (201 not in the database)', (e) => `**${fmt(e.verification.lost)}**`);
  return rows.join('\n');
}

const otherCount = (e) =>
  Object.entries(e.rush.statuses)
    .filter(([s]) => !['201', '409', '429'].includes(s))
    .reduce((a, [, n]) => a + n, 0);

const oversold = (e) => Object.values(e.verification.oversold).reduce((a, b) => a + b, 0);

function answersTable(done) {
  const codes = [...new Set(done.flatMap((e) => Object.keys(e.rush.refusals)))].sort();
  const rows = [`| answer | ${done.map(name).join(' | ')} |`, `|---|${done.map(() => '---:').join('|')}|`];
  rows.push(`| 201 admitted | ${done.map((e) => fmt(e.rush.admissions)).join(' | ')} |`);
  for (const code of codes) rows.push(`| ${code} | ${done.map((e) => fmt(e.rush.refusals[code] ?? 0)).join(' | ')} |`);
  rows.push(`| errors / timeouts | ${done.map((e) => `${e.rush.errors} / ${e.rush.timeouts}`).join(' | ')} |`);
  return rows.join('\n');
}

function checks(e) {
  const v = e.verification;
  const d = v.database;
  const lines = [
    `- ${name(e)}: ${fmt(v.responses201)} answers 201; the database has ${fmt(d.admissionRows)} admissions ` +
      `(${Object.entries(d.states)
        .map(([s, n]) => `${fmt(n)} ${s}`)
        .join(', ')}), counters held ${fmt(d.held)} + sold ${fmt(d.sold)} of ${fmt(v.quantity)}; ` +
      `${fmt(d.buyerRows)} buyers admitted, at most ${d.buyerAdmittedMost} each; ` +
      `lost ${v.lost}, in the database but never answered 201: ${v.inDatabaseNotAnswered201}, ` +
      `other buyer's admission: ${v.wrongBuyer}, over the limit: ${v.buyersOverLimit}, not registered: ${v.admittedNotRegistered}; ` +
      `oversold ${JSON.stringify(v.oversold)}. ${v.ok ? '**Consistent.**' : '**INCONSISTENT.**'}`,
  ];
  if (v.redis) {
    const r = v.redis;
    lines.push(
      `  - Redis: held ${fmt(r.held)} + sold ${fmt(r.sold)}, ${fmt(r.admissionRecords)} admission records, ` +
        `${fmt(r.registrations)} registrations, ${r.streamEntriesLeft} hand-off entries left: ` +
        `${v.redisMatchesDatabase ? 'the same as the database' : '**NOT the same as the database**'}.`,
    );
  }
  const dr = e.drain;
  lines.push(
    `  - Hand-off: ${fmt(dr.atRushEnd.admissions)} admissions in the database and ${fmt(dr.atRushEnd.streamed)} stream entries ` +
      `when the last answer came; the count last changed ${fmt(dr.lastChangeMs)} ms later.`,
  );
  lines.push(
    `  - Registration: ${fmt(e.registration.buyers)} rows written in ${fmt(e.registration.insertMs)} ms, verified through ` +
      `the API in ${fmt(e.registration.verifyMs)} ms (${fmt(e.registration.verifiedPerSecond)}/s); early clicks before the start: ` +
      `${JSON.stringify(e.earlyClicks)}.`,
  );
  return lines.join('\n');
}

/** The report's text, and whether the run failed (a check, an unexpected answer, a failed engine). */
export function report(record) {
  const out = [`\n## Flash-sale benchmark, ${record.date}\n`];
  const s = record.settings;
  out.push(
    `Node ${record.node}, ${record.cpu}, ${record.cores} cores, ${record.memoryGb} GB, PostgreSQL ${record.postgres}. ` +
      `A sale of ${fmt(s.quantity)} units (registration required, ${s.perCustomerLimit} per buyer), ${fmt(s.attempts)} attempts ` +
      `by ${fmt(s.buyers)} registered buyers over ${s.connections} connections; hello-world ${s.warmupSeconds} s warm-up + ` +
      `${s.seconds} s. Server LOG_LEVEL=${s.logLevel}; load generator on the same machine.\n`,
  );
  let failed = false;
  const done = record.engines.filter((e) => e.rush);
  if (done.length > 0) out.push(summaryTable(done), '', answersTable(done), '');
  for (const e of record.engines) {
    if (e.skipped) {
      out.push(`- ${e.engine}: skipped (${e.skipped})`);
      continue;
    }
    if (e.error) {
      failed = true;
      out.push(`- ${e.engine}: **FAILED**: ${e.error.split('\n')[0]}`);
      continue;
    }
    out.push(checks(e));
    if (!e.verification.ok) failed = true;
    const unexpected = otherCount(e) + e.rush.errors + e.rush.timeouts + (e.rush.answered === e.rush.attempts ? 0 : 1);
    if (unexpected > 0) {
      failed = true;
      out.push(`  - **unexpected answers: ${JSON.stringify(e.rush.statuses)}, ${e.rush.errors} errors**`);
    }
    const notEarly = Object.entries(e.earlyClicks).filter(([status]) => status !== '425');
    if (notEarly.length > 0) {
      failed = true;
      out.push(`  - **early clicks answered ${JSON.stringify(e.earlyClicks)}, not only 425**`);
    }
    if (e.rush.cpu && e.rush.cpu.otherCores >= record.settings.quietThresholdCores) {
      out.push(`  - other processes used ${e.rush.cpu.otherCores} cores during the rush`);
    }
    const stops = e.stops.filter((x) => x.code !== 0);
    if (stops.length > 0) out.push(`  - instance exits on SIGTERM: ${JSON.stringify(e.stops)}`);
    if (record.settings.cpuProfiling) {
      out.push(`  - CPU profiles: the rush begins ${e.rush.profileSkipMs.join(' / ')} ms into each instance's profile`);
    }
  }
  const redis = done.find((e) => e.engine === 'redis');
  if (redis) {
    out.push(
      '',
      `Goal: the Redis engine's purchase route at ${GOAL} of the hello-world rate or better: ` +
        `${ratio(redis.ratio)}, ${redis.ratio >= GOAL ? '**met**' : '**missed**'}.`,
    );
  }
  return { text: out.join('\n'), failed };
}
