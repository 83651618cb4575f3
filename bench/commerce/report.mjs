// The commerce benchmark's Markdown: every run, the summary by back-end (the table kept in
// docs/BENCHMARKS.md), the purchase's steps, what PostgreSQL's backends were doing, and the checks.

import { cores, fmt } from '../support/report.mjs';

const ratio = (x) => (x == null ? '–' : x >= 0.1 ? fmt(x, 2) : fmt(x, 4));
const ms = (x) => (x == null ? '–' : fmt(x, x < 10 ? 1 : 0));

function cpu(m) {
  const c = m.cpu;
  return `${cores(c?.targetCores)} / ${c?.databaseCores == null ? '–' : cores(c.databaseCores)} / ${cores(c?.loadGeneratorCores)} / ${cores(c?.otherCores)}`;
}

function runsTable(record) {
  const rows = [
    '| run | rate (mean) | p50 ms | p99 ms | max ms | completed | failed | CPU server / PostgreSQL / load gen / other (cores) | per server CPU-s | ÷ hello-world req/s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const cannonRow = (m, r) =>
    rows.push(
      `| ${m.label} | ${fmt(m.requestsPerSecond)} req/s | ${ms(m.latencyMs.p50)} | ${ms(m.latencyMs.p99)} | ${ms(m.latencyMs.max)} | ` +
        `${fmt(m.status2xx)} | ${m.non2xx + m.errors} | ${cpu(m)} | ${fmt(m.requestsPerServerCpuSecond)} req | ${r == null ? '' : `**${ratio(r)}**`} |`,
    );
  const loopRow = (m, unit, r) =>
    rows.push(
      `| ${m.label} | ${fmt(m.perSecond)} ${unit}${unit === 'req/s' ? '' : ` (${fmt(m.requestsPerSecond)} req/s)`} | ` +
        `${ms(m.latencyMs.p50)} | ${ms(m.latencyMs.p99)} | ${ms(m.latencyMs.max)} | ${fmt(m.completed)} | ${m.failed} | ${cpu(m)} | ` +
        `${fmt(m.perServerCpuSecond, unit === 'req/s' ? 0 : 1)} ${unit === 'req/s' ? 'req' : 'purchases'} | ${r ?? ''} |`,
    );
  for (const b of record.backends) {
    if (!b.rounds) continue;
    loopRow(b.helloSameClient, 'req/s');
    for (const r of [...b.discarded, ...b.rounds].sort((x, y) => x.hello.start - y.hello.start)) {
      cannonRow(r.hello);
      if (r.listing) cannonRow(r.listing, r.listingRatio);
      loopRow(
        r.purchases,
        'purchases/s',
        `**${ratio(r.purchaseRatio)}** purchases, **${ratio(r.purchaseRequestRatio)}** requests`,
      );
    }
  }
  return rows.join('\n');
}

function summaryTable(record) {
  const done = record.backends.filter((b) => b.summary);
  if (done.length === 0) return '';
  const name = (b) => (b.backend === 'postgres' ? 'PostgreSQL' : 'PGlite');
  const rows = [`| | ${done.map(name).join(' | ')} |`, `|---|${done.map(() => '---:').join('|')}|`];
  const row = (label, pick) => rows.push(`| ${label} | ${done.map((b) => pick(b.summary, b)).join(' | ')} |`);
  row('hello-world, req/s (autocannon)', (s) => fmt(s.helloRequestsPerSecond));
  if (done[0].summary.listingRequestsPerSecond != null) {
    row('listing, req/s', (s) => fmt(s.listingRequestsPerSecond));
    row('**listing ÷ hello-world**', (s) => `**${ratio(s.listingRatio)}**`);
  }
  row('purchases/s (orders paid)', (s) => fmt(s.purchasesPerSecond, 1));
  row('**purchases/s ÷ hello-world req/s**', (s) => `**${ratio(s.purchaseRatio)}**`);
  row('purchase requests/s (4 per purchase)', (s) => fmt(s.purchaseRequestsPerSecond));
  row('**purchase requests/s ÷ hello-world req/s**', (s) => `**${ratio(s.purchaseRequestRatio)}**`);
  row('purchase latency p50 / p99', (s) => `${ms(s.purchaseP50)} / ${ms(s.purchaseP99)} ms`);
  row('server CPU per purchase', (s) => `${ms(s.serverCpuMsPerPurchase)} ms`);
  row('PostgreSQL CPU per purchase', (s) =>
    s.databaseCpuMsPerPurchase == null ? '(in the server)' : `${ms(s.databaseCpuMsPerPurchase)} ms`,
  );
  row('one purchase in hello-world requests of server CPU', (s) => fmt(s.purchaseCostInHelloRequests));
  row('hello-world, req/s (same client as the purchases)', (_s, b) => fmt(b.helloSameClient.perSecond));
  row('rounds disturbed by other processes', (s, b) => `${s.disturbedRounds} of ${b.rounds.length}`);
  return rows.join('\n');
}

function stepsTable(record) {
  const done = record.backends.filter((b) => b.summary);
  if (done.length === 0) return '';
  const steps = Object.keys(done[0].summary.steps);
  const rows = [
    `| step | ${done.map((b) => `${b.backend} p50 / p99 ms`).join(' | ')} |`,
    `|---|${done.map(() => '---:').join('|')}|`,
  ];
  for (const step of steps) {
    rows.push(
      `| ${step} | ${done.map((b) => `${ms(b.summary.steps[step].p50)} / ${ms(b.summary.steps[step].p99)}`).join(' | ')} |`,
    );
  }
  return rows.join('\n');
}

function activityTable(record) {
  const lines = [];
  for (const b of record.backends) {
    const sampled = (b.rounds ?? []).map((r) => r.purchases.databaseActivity).filter(Boolean);
    if (sampled.length === 0) continue;
    const share = new Map();
    for (const a of sampled)
      for (const s of a.share) share.set(s.what, (share.get(s.what) ?? 0) + s.share / sampled.length);
    lines.push(
      `PostgreSQL backends of the ${b.backend} server during the purchases (share of ${sampled.reduce((n, a) => n + a.samples, 0)} samples × ` +
        `${sampled[0].backendsPerSample} backends, every 100 ms):`,
      '',
      '| backend state | share |',
      '|---|---:|',
      ...[...share].sort((x, y) => y[1] - x[1]).map(([what, s]) => `| ${what} | ${fmt(s * 100, 1)}% |`),
    );
  }
  return lines.join('\n');
}

/** The report's text, and whether the run failed (a failed request or purchase, a failed check, a back-end that failed). */
export function report(record, settings, { clean, disturbed }) {
  const out = [];
  let failed = false;
  out.push(`\n## Commerce benchmark, ${record.date}\n`);
  out.push(
    `Node ${record.node}, ${record.cpu}, ${record.cores} cores, ${record.memoryGb} GB; ${settings.connections} connections/clients, ` +
      `${settings.warmupSeconds} s warm-up + ${settings.seconds} s per run, ${settings.rounds} round(s); server LOG_LEVEL=${settings.logLevel}; ` +
      `load generator on the same machine.\n`,
  );
  out.push(runsTable(record), '', summaryTable(record), '', stepsTable(record), '', activityTable(record), '');
  for (const b of record.backends) {
    if (b.skipped) {
      out.push(`- ${b.backend}: skipped (${b.skipped})`);
      continue;
    }
    if (b.error) {
      failed = true;
      out.push(`- ${b.backend}: FAILED: ${b.error.split('\n')[0]}`);
      continue;
    }
    const v = b.verification;
    out.push(
      `- ${b.backend}: ${fmt(v.purchasesCounted)} purchases counted paid by the load; the admin API lists ${fmt(v.paidOrders)} paid ` +
        `and ${fmt(v.pendingPaymentOrders)} unpaid orders; stock of ${v.stock.skus.join(', ')} ${fmt(v.stock.onHandBefore)} -> ${fmt(v.stock.onHandAfter)} ` +
        `on hand (${fmt(v.unitsSold)} sold), ${fmt(v.stock.reserved)} reserved; ${v.levelsChecked} stock levels checked, ` +
        `${v.negativeLevels.length} negative: ${v.ok ? '**consistent**' : '**INCONSISTENT**'}`,
    );
    if (!v.ok) failed = true;
    for (const m of [b.helloSameClient, ...b.rounds.flatMap((r) => [r.hello, r.listing, r.purchases])]) {
      if (!m) continue;
      const bad = m.failed !== undefined ? m.failed > 0 || (m.warmup && m.warmup.failed > 0) : !clean(m);
      if (bad) {
        failed = true;
        const what = m.failures ?? m.statusCodes;
        out.push(`  - **${m.label}: failures ${JSON.stringify(what)}; warm-up ${JSON.stringify(m.warmup)}**`);
      }
      if (disturbed(m)) out.push(`  - ${m.label}: other processes used ${m.cpu.otherCores} cores during the run`);
    }
    if (b.discarded.length) {
      out.push(
        `  - ${b.discarded.length} round(s) disturbed by other processes were measured again (marked discarded above)`,
      );
    }
    if (b.note) out.push(`  - ${b.note}`);
  }
  return { text: out.join('\n'), failed };
}
