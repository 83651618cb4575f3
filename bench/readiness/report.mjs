import { machine } from '../support/machine.mjs';
import { appendResult, fmt } from '../support/report.mjs';
import { gitInfo } from '../support/server.mjs';

// The benchmark's report: Markdown tables on stdout, and a record appended to the results file.

/** Verdicts per second the issue asks for, in one process. */
export const GOAL = 200_000;

function table(header, alignRight, rows) {
  const rule = alignRight.map((right) => (right ? '---:' : '---'));
  return [header, rule, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** What the matrix says, so a reader sees the data is varied: share sellable, share of each gate open. */
function shares(cells) {
  const share = (test) => `${fmt((100 * cells.filter(test).length) / cells.length)}%`;
  return {
    sellable: share((c) => c.sellable),
    assortment: share((c) => c.gates.assortment),
    compliance: share((c) => c.gates.compliance),
    ecosystem: share((c) => c.gates.ecosystem),
  };
}

export function report({
  backend,
  at,
  settings,
  load,
  loaded,
  cold,
  afterCertificate,
  warm,
  gather,
  pure,
  incremental,
  cells,
}) {
  const host = { date: new Date().toISOString(), ...machine(), git: gitInfo() };
  const open = shares(cells);
  const row = (s) => [
    s.name,
    fmt(s.verdicts),
    fmt(s.ms, 1),
    `${fmt(s.rangeMs[0])}–${fmt(s.rangeMs[1])}`,
    `**${fmt(s.perSecond)}**`,
    `${fmt(s.perSecond / GOAL, 2)}`,
    fmt(s.perCpuSecond),
    fmt(s.otherCores, 2),
  ];
  const git = host.git ? `${host.git.commit}${host.git.dirty ? ' with uncommitted changes' : ''}` : '';
  const lines = [
    `## Readiness: ${backend}${git ? `, ${git}` : ''}`,
    '',
    `${host.cpu}, ${host.cores} cores, Node ${host.node}. Loaded ${fmt(loaded.products)} products ` +
      `(${fmt(loaded.variants)} variants), ${loaded.markets} markets, ${fmt(loaded.listings)} listings, ` +
      `${fmt(loaded.certificates)} certificates (${fmt(loaded.coverage)} coverage rows) and ` +
      `${loaded.deployments} deployments in ${fmt(load.ms / 1000, 1)} s (not part of any figure below). ` +
      `Verdicts as of ${at.toISOString()}: ${open.sellable} sellable; gates open: assortment ${open.assortment}, ` +
      `compliance ${open.compliance}, ecosystem ${open.ecosystem}.`,
    '',
    table(
      ['measurement', 'verdicts', 'median ms', 'range ms', 'verdicts/s', '÷ 200k goal', 'per CPU-s', 'other cores'],
      [false, true, true, true, true, true, true, true],
      [cold, afterCertificate, warm, gather, pure].map(row),
    ),
    '',
    `Incremental recompute: one certificate suspended through \`CertificateService.update\`, then ` +
      `\`ReadinessService.affectedBy(certificate)\`, median of ${settings.repeats}. Every recomputed verdict ` +
      `equals the full matrix's verdict for the same product and market, and every cell of the matrix equals ` +
      `the cell of the verdict worked out alone from the facts read from the database.`,
    '',
    table(
      ['jurisdiction', 'certificate for', 'products', 'markets', 'verdicts', 'changed', 'median ms', 'verdicts/s'],
      [false, false, true, true, true, true, true, true],
      incremental.map((s) => [
        s.name,
        s.requirement,
        s.products,
        s.markets,
        s.verdicts,
        s.changed,
        fmt(s.ms, 1),
        fmt(s.perSecond),
      ]),
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const { samples: _, ...counts } = loaded;
  const record = {
    ...host,
    label: settings.label,
    backend,
    settings: { products: settings.products, rounds: settings.rounds, repeats: settings.repeats },
    load: { ms: load.ms, ...counts },
    shares: open,
    cold,
    afterCertificate,
    warm,
    gather,
    pure,
    incremental,
  };
  appendResult(settings.results, record);
  process.stderr.write(`[bench] appended a record to ${settings.results}\n`);
}
