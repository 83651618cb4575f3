// The readiness benchmark: the full product x market matrix of verdicts from loaded data (5,000
// synthetic products x 40 markets = 200,000 verdicts) cold, after a certificate change and warm,
// the pure verdict alone, and the incremental recompute after one certificate changes. Goal (the
// issue): 200,000 verdicts/s in one process.
//
//   npm run bench:readiness                      # = node bench/readiness/run.mjs; PGlite
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:readiness
//
// It runs the compiled services (dist/, built first when older than src/) in this process, on
// PGlite in a temp directory, or with DATABASE_URL on a new marketgate_bench_* database of that
// PostgreSQL server. Both are removed at the end, also on failure or Ctrl-C. It prints Markdown
// tables and appends a record to bench/readiness/results.json. See docs/BENCHMARKS.md.

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { cleanup, cleanupOnSignals, log, trackDatabase, trackTempDir } from '../support/lifecycle.mjs';
import { waitQuiet } from '../support/machine.mjs';
import { ROOT } from '../support/paths.mjs';
import { adminQuery, databaseUrl } from '../support/postgres.mjs';
import { ensureBuild } from '../support/server.mjs';
import { buildEnv, intEnv } from '../support/settings.mjs';
import { rounds, summary, timed } from './measure.mjs';

const settings = {
  products: intEnv('BENCH_PRODUCTS', 5000, 10, 100_000),
  rounds: intEnv('BENCH_ROUNDS', 5, 1, 50),
  repeats: intEnv('BENCH_INCREMENTAL_REPEATS', 7, 1, 100),
  quietWaitSeconds: intEnv('BENCH_QUIET_WAIT_SECONDS', 60, 0, 600),
  build: buildEnv(),
  pgAdminUrl: process.env.DATABASE_URL || undefined,
  results: process.env.BENCH_RESULTS || join(ROOT, 'bench', 'readiness', 'results.json'),
  label: process.env.BENCH_LABEL || undefined,
};

/** Closed before cleanup() drops the database and removes the temp directory. */
const closers = [];
async function closeAll() {
  for (const close of closers.splice(0).reverse()) await close().catch((e) => log(`closing: ${e.message}`));
}
cleanupOnSignals();

async function freshDatabase(openDatabase) {
  if (!settings.pgAdminUrl) {
    const dataDir = mkdtempSync(join(os.tmpdir(), 'marketgate-bench-'));
    trackTempDir(dataDir);
    return openDatabase({ kind: 'pglite', dataDir, command: 'bench:readiness' });
  }
  const name = `marketgate_bench_${Date.now().toString(36)}_${process.pid}`;
  await adminQuery(settings.pgAdminUrl, `create database "${name}"`);
  trackDatabase(name, settings.pgAdminUrl);
  return openDatabase({ kind: 'postgres', url: databaseUrl(settings.pgAdminUrl, name), poolSize: 10 });
}

const cellKey = (c) => `${c.product} ${c.market}`;
const sameCell = (a, b) => JSON.stringify(a) === JSON.stringify(b);
/** A verdict as a matrix cell shows it (matrix.ts), written out here as the reference. */
const cellOf = (product, market, v) => ({
  product,
  market,
  sellable: v.sellable,
  gates: Object.fromEntries(v.gates.map((g) => [g.gate, g.open])),
  blockers: v.gates.filter((g) => !g.open).map((g) => `${g.gate}: ${g.reason}`),
  earliest: v.earliest,
});

async function main() {
  ensureBuild(settings.build);
  const { createServices } = await import('../../dist/app.js');
  const { loadConfig } = await import('../../dist/config.js');
  const { verdict } = await import('../../dist/modules/readiness/verdict.js');
  const { createChangeFeed } = await import('../../dist/platform/changes.js');
  const { manualClock } = await import('../../dist/platform/clock.js');
  const { openDatabase } = await import('../../dist/platform/database/index.js');
  const { loadScenario } = await import('./load.mjs');
  const { AT } = await import('./synthetic.mjs');
  const { report } = await import('./report.mjs');

  const database = await freshDatabase(openDatabase);
  closers.push(() => database.close());
  const backend = database.kind === 'postgres' ? `PostgreSQL (${database.location})` : 'PGlite';
  log(`${backend}: migrating`);
  await database.migrate();
  const feed = await createChangeFeed(database.pool);
  closers.push(() => feed.close());
  const services = createServices(database, feed, manualClock(AT), loadConfig({}));
  const { readiness } = services;

  log(`loading ${settings.products} synthetic products`);
  const load = await timed(() => loadScenario(services, database.db, settings.products));
  const loaded = load.result;
  log(`loaded in ${Math.round(load.ms)} ms`);
  const quiet = () => waitQuiet('readiness', settings.quietWaitSeconds);

  // a. The full matrix. The service keeps the rows it reads until the change feed says they
  // changed, so it is measured cold (every kind of row changed: all read again), after one
  // certificate change (only the certificates read again) and warm (nothing changed). Every
  // measurement is preceded by one call that is not counted.
  const matrix = async () => (await readiness.matrix({ at: AT })).cells;
  const changed = (topics) => async () => {
    for (const topic of topics) await feed.publish(topic);
    return (await matrix()).length;
  };
  const baseline = await matrix();
  if (baseline.length !== loaded.products * loaded.markets) {
    throw new Error(`the matrix has ${baseline.length} cells, not ${loaded.products * loaded.markets}`);
  }
  const measureMatrix = async (name, work) => {
    await work();
    await quiet();
    log(`${name}: ${settings.rounds} rounds`);
    return summary(name, await rounds(settings.rounds, work));
  };
  const cold = await measureMatrix(
    'full matrix, cold: `matrix({})` after a change to every kind of row',
    changed(['markets', 'catalog', 'assortment', 'certificates', 'ecosystem']),
  );
  const afterCertificate = await measureMatrix(
    'full matrix after a certificate change (certificates read again)',
    changed(['certificates']),
  );
  const warm = await measureMatrix(
    'full matrix, warm: `matrix({})` with nothing changed',
    async () => (await matrix()).length,
  );

  // b. Where the time goes: gathering the facts from the database as `evaluate()` does (reads,
  // indexing, requirements), then the pure verdicts over them, one at a time.
  const [markets, products] = await Promise.all([services.markets.list(), services.catalog.listProducts()]);
  await quiet();
  log(`gathering facts: ${settings.rounds} rounds`);
  const gather = summary(
    'reading the facts from the database: `facts()`',
    await rounds(settings.rounds, async () => (await readiness.facts(markets, products, AT)).flat().length),
  );
  // Product by product, as matrix() works them out.
  const grid = await readiness.facts(markets, products, AT);
  const facts = products.flatMap((_, j) => grid.map((row) => row[j]));
  await quiet();
  log(`pure verdicts: ${settings.rounds} rounds`);
  let sellable = 0;
  const pure = summary(
    'pure `verdict()` over those facts, one by one',
    await rounds(settings.rounds, async () => {
      for (const f of facts) if (verdict(f, AT).sellable) sellable++;
      return facts.length;
    }),
  );
  if (sellable !== settings.rounds * baseline.filter((c) => c.sellable).length) {
    throw new Error('the pure verdicts disagree with the matrix');
  }
  // The matrix shares each gate between the verdicts that agree on it: every cell must equal the
  // cell of the verdict worked out alone from the facts read from the database.
  const byKey = new Map(baseline.map((c) => [cellKey(c), c]));
  const differ = products.flatMap((p, j) =>
    markets.filter(
      (m, i) => !sameCell(cellOf(p.slug, m.code, verdict(grid[i][j], AT)), byKey.get(`${p.slug} ${m.code}`)),
    ),
  ).length;
  if (differ > 0) throw new Error(`${differ} matrix cells differ from the verdicts worked out one by one`);

  // c. One certificate changes: re-evaluate only the verdicts it can affect.
  log(`incremental: ${loaded.samples.length} certificates`);
  const before = new Map(baseline.map((c) => [cellKey(c), c]));
  const incremental = [];
  const recomputed = [];
  for (const sample of loaded.samples) {
    const certificate = await services.certificates.get(sample.id);
    await services.certificates.update(sample.id, { status: 'suspended' });
    let cells = [];
    const runs = await rounds(settings.repeats, async () => {
      cells = (await readiness.affectedBy(certificate, AT)).cells;
      return cells.length;
    });
    recomputed.push(...cells);
    const jurisdiction = sample.requirementCode.split('.')[0];
    incremental.push({
      ...summary(jurisdiction, runs),
      requirement: sample.requirementCode,
      products: sample.productIds.length,
      markets: markets.filter((m) => m.jurisdiction === jurisdiction).length,
      changed: cells.filter((c) => !sameCell(c, before.get(cellKey(c)))).length,
    });
  }
  const after = new Map((await matrix()).map((c) => [cellKey(c), c]));
  const wrong = recomputed.filter((c) => !sameCell(c, after.get(cellKey(c)))).length;
  if (wrong > 0) throw new Error(`${wrong} recomputed verdicts differ from the full matrix's`);

  report({
    backend,
    at: AT,
    settings,
    load,
    loaded,
    cold,
    afterCertificate,
    warm,
    gather,
    pure,
    incremental,
    cells: baseline,
  });
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await closeAll();
    await cleanup();
  });
