// Summarizes a V8 CPU profile (.cpuprofile, from `node --cpu-prof` or BENCH_CPU_PROF=<dir> npm run bench):
// self time by package and by function, and inclusive time of the functions that match a filter.
//
//   node bench/support/profile-summary.mjs <file.cpuprofile> [--top 25] [--match regex]
//
// Only the part of the profile after --skip-ms (default 0) is counted, so that start-up can be
// left out of a profile that also covers a load test.

import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
if (!file) {
  console.error(
    'usage: node bench/support/profile-summary.mjs <file.cpuprofile> [--top N] [--match regex] [--skip-ms N]',
  );
  process.exit(2);
}
const top = Number(option('top', 25));
const match = option('match');
const skipMs = Number(option('skip-ms', 0));

const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function packageOf(url) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  const d = /\/dist\/(.+)$/.exec(url);
  if (d) return `marketgate ${d[1].split('/').slice(0, -1).join('/') || '.'}`;
  if (url.includes('/bench/')) return 'bench';
  return url;
}
const key = (n) => {
  const f = n.callFrame;
  const where = f.url
    ? `${f.url.replace(/^file:\/\/.*?node_modules\//, '').replace(/^file:\/\/.*?\/dist\//, 'dist/')}:${f.lineNumber + 1}`
    : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};

const self = new Map();
const selfPackage = new Map();
const inclusive = new Map();
let total = 0;
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  if ((t - profile.startTime) / 1000 < skipMs) continue;
  const dt = profile.timeDeltas[i] / 1000; // ms
  const node = byId.get(profile.samples[i]);
  const name = node.callFrame.functionName;
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') {
    self.set(name, (self.get(name) ?? 0) + dt);
    selfPackage.set(name, (selfPackage.get(name) ?? 0) + dt);
    total += dt;
    continue;
  }
  total += dt;
  self.set(key(node), (self.get(key(node)) ?? 0) + dt);
  const pkg = packageOf(node.callFrame.url);
  selfPackage.set(pkg, (selfPackage.get(pkg) ?? 0) + dt);
  if (match) {
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const k = key(byId.get(id));
      if (!seen.has(k) && new RegExp(match).test(k)) {
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
      }
    }
  }
}

const busy = total - (self.get('(idle)') ?? 0);
const pct = (ms) => `${((ms / busy) * 100).toFixed(1).padStart(5)}%`;
const print = (title, map, n) => {
  console.log(`\n${title}`);
  for (const [k, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    if (k === '(idle)') continue;
    console.log(`  ${pct(ms)}  ${ms.toFixed(0).padStart(7)} ms  ${k}`);
  }
};
console.log(
  `${file}: ${(total / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy (percentages are of busy time)`,
);
print('Self time by package', selfPackage, top);
print('Self time by function', self, top);
if (match) print(`Inclusive time of functions matching /${match}/`, inclusive, top);
