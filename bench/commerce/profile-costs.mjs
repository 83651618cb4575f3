// Where a server's CPU goes, by layer, from a V8 CPU profile (`BENCH_CPU_PROF=<dir>`): building
// SQL in drizzle, the pg driver, fastify, validation, serialization, GC, and each marketgate
// module's own code. A sample counts for the first layer found walking up its stack, in the
// order below, so a query built inside the carts module counts as building SQL.
//
//   node bench/commerce/profile-costs.mjs <file.cpuprofile> [--skip-ms 3000] [--until-ms N]
//
// Socket writes (writev) are reported apart and left out of the shares: V8 samples wall-clock
// time, and on a busy machine a process that wakes PostgreSQL with a write is often descheduled
// inside that call, so the samples there are mostly waiting, not CPU (compare utime/stime in /proc).

import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
if (!file) {
  console.error('usage: node bench/commerce/profile-costs.mjs <file.cpuprofile> [--skip-ms N] [--until-ms N]');
  process.exit(2);
}
const skipMs = option('skip-ms', 0);
const untilMs = option('until-ms', Number.POSITIVE_INFINITY);

const LAYERS = [
  [
    'drizzle: building SQL',
    (f) =>
      f.url.includes('drizzle-orm') &&
      /^(buildQueryFromSourceParams|sqlToQuery|buildSelectQuery|buildInsertQuery|buildUpdateQuery|buildDeleteQuery)$/.test(
        f.functionName,
      ),
  ],
  ['drizzle: mapping rows', (f) => f.url.includes('drizzle-orm') && f.functionName === 'mapResultRow'],
  ['pg driver (protocol, result parsing)', (f) => /node_modules\/(pg|pg-protocol|pg-pool|pg-types)\//.test(f.url)],
  ['JSON serialization (fast-json-stringify)', (f) => f.url.includes('fast-json-stringify')],
  ['request validation (ajv)', (f) => f.url.includes('node_modules/ajv')],
  [
    'fastify and node:http',
    (f) => /node_modules\/(fastify|find-my-way|light-my-request|@fastify)\//.test(f.url) || /_http_/.test(f.url),
  ],
  ['drizzle: the rest (query builders, sessions)', (f) => f.url.includes('drizzle-orm')],
];
const SOCKET_WRITES = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String']);

const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function stack(node) {
  const frames = [];
  for (let id = node.id; id !== undefined; id = parent.get(id)) frames.push(byId.get(id).callFrame);
  return frames;
}

function layerOf(node) {
  if (node.callFrame.functionName === '(garbage collector)') return 'garbage collector';
  const frames = stack(node);
  for (const [name, test] of LAYERS) if (frames.some(test)) return name;
  for (const f of frames) {
    const module = /\/dist\/modules\/(\w+)\//.exec(f.url)?.[1];
    if (module) return `marketgate ${module} (own code)`;
  }
  return 'the rest (node internals, promises, V8)';
}

const layers = new Map();
let counted = 0;
let writes = 0;
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  const at = (t - profile.startTime) / 1000;
  if (at < skipMs || at > untilMs) continue;
  const ms = profile.timeDeltas[i] / 1000;
  const node = byId.get(profile.samples[i]);
  const name = node.callFrame.functionName;
  if (name === '(idle)') continue;
  if (SOCKET_WRITES.has(name)) {
    writes += ms;
    continue;
  }
  counted += ms;
  const layer = layerOf(node);
  layers.set(layer, (layers.get(layer) ?? 0) + ms);
}

console.log(
  `${file}: ${(counted / 1000).toFixed(2)} s busy outside socket writes (the 100% below); socket writes ${(writes / 1000).toFixed(2)} s`,
);
for (const [layer, ms] of [...layers].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${((ms / counted) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${layer}`);
}
