// The spam benchmark: how many comments per second one process classifies (features, then the
// model's score: what every posted comment costs), and how long training the shipped model takes.
// The comments are the 1,586 of the four shipped YouTube Spam Collection files.
//
//   npm run bench:spam                   # = node bench/spam/run.mjs; about half a minute
//
// It runs the compiled code (dist/, built first when older than src/; BENCH_BUILD as for the other
// benchmarks) in this process. No database, no HTTP. Knobs: BENCH_ROUNDS (5), BENCH_SECONDS (3,
// the least time one classification round runs), BENCH_QUIET_WAIT_SECONDS (60), BENCH_RESULTS,
// BENCH_LABEL. It prints a Markdown table and appends a record to bench/spam/results.json; it exits
// 1 if training does not give the shipped model's bytes. See docs/BENCHMARKS.md.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timed } from '../readiness/measure.mjs';
import { log } from '../support/lifecycle.mjs';
import { machine, waitQuiet } from '../support/machine.mjs';
import { ROOT } from '../support/paths.mjs';
import { appendResult, fmt, median } from '../support/report.mjs';
import { ensureBuild, gitInfo } from '../support/server.mjs';
import { buildEnv, intEnv } from '../support/settings.mjs';

const settings = {
  rounds: intEnv('BENCH_ROUNDS', 5, 1, 50),
  seconds: intEnv('BENCH_SECONDS', 3, 1, 600),
  quietWaitSeconds: intEnv('BENCH_QUIET_WAIT_SECONDS', 60, 0, 600),
  build: buildEnv(),
  results: process.env.BENCH_RESULTS || join(ROOT, 'bench', 'spam', 'results.json'),
  label: process.env.BENCH_LABEL || undefined,
};

function timedSync(work) {
  const started = performance.now();
  work();
  return performance.now() - started;
}

function table(header, alignRight, rows) {
  const rule = alignRight.map((right) => (right ? '---:' : '---'));
  return [header, rule, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** Medians of the rounds; each round did `count` of something (comments, trainings). */
function summary(name, count, runs) {
  const ms = median(runs.map((r) => r.ms));
  return {
    name,
    count,
    ms,
    perSecond: (count / ms) * 1000,
    perCpuSecond: (count / median(runs.map((r) => r.cpuMs))) * 1000,
    rangeMs: [Math.min(...runs.map((r) => r.ms)), Math.max(...runs.map((r) => r.ms))],
    otherCores: median(runs.map((r) => r.otherCores ?? 0)),
    runs: runs.map(({ ms, cpuMs, otherCores }) => ({ ms, cpuMs, otherCores })),
  };
}

async function measure(name, count, work) {
  await waitQuiet(name, settings.quietWaitSeconds);
  log(`${name}: ${settings.rounds} rounds`);
  const runs = [];
  for (let i = 0; i < settings.rounds; i++) runs.push(await timed(work));
  return summary(name, count, runs);
}

async function main() {
  ensureBuild(settings.build);
  const { readYoutube, examples } = await import('../../dist/modules/discussion/spam/dataset.js');
  const { features } = await import('../../dist/modules/discussion/spam/features.js');
  const { spamScore, train, TRAINING } = await import('../../dist/modules/discussion/spam/model.js');
  const { DEFAULT_MODEL_FILE, loadModel, serializeModel } = await import(
    '../../dist/modules/discussion/spam/model-file.js'
  );

  const videos = readYoutube();
  const comments = videos.flatMap((v) => v.comments.map((c) => c.content));
  const { model } = loadModel();

  // Enough passes over the 1,586 comments that a round lasts BENCH_SECONDS, from the quickest of
  // three passes timed on a quiet machine after a warm-up (V8 compiles the hot functions in the first).
  const pass = () => {
    let spam = 0;
    for (const text of comments) if (spamScore(model, features(text)) >= 0.5) spam++;
    return spam;
  };
  pass();
  await waitQuiet('calibration', settings.quietWaitSeconds);
  const passMs = Math.min(...[0, 1, 2].map(() => timedSync(pass)));
  const passes = Math.max(1, Math.ceil((settings.seconds * 1000) / passMs));
  log(`one pass over ${comments.length} comments: ${fmt(passMs, 1)} ms; ${passes} passes a round`);
  const classify = await measure('classify: `features()` then `spamScore()`', comments.length * passes, () => {
    for (let i = 0; i < passes; i++) pass();
  });

  // The two halves apart: the features, and the score over features worked out beforehand.
  const found = comments.map((text) => features(text));
  const featuresOnly = await measure('`features()` alone', comments.length * passes, () => {
    for (let i = 0; i < passes; i++) for (const text of comments) features(text);
  });
  const scoreOnly = await measure(
    '`spamScore()` alone, on features worked out before',
    comments.length * passes,
    () => {
      for (let i = 0; i < passes; i++) for (const f of found) spamScore(model, f);
    },
  );

  const load = await measure('loading the model: `loadModel()`', 1, () => loadModel());

  const sources = videos.map((v) => ({ file: v.file, sha256: v.sha256, comments: v.comments.length }));
  const shipped = readFileSync(DEFAULT_MODEL_FILE, 'utf8');
  let text = '';
  const training = await measure(
    `training on the ${fmt(comments.length)} comments (features included), as \`spam train\``,
    1,
    () => {
      text = serializeModel(train(examples(videos.flatMap((v) => v.comments)), TRAINING), { ...TRAINING, sources });
    },
  );
  if (text !== shipped) throw new Error('training did not give the bytes of data/spam/model.json');

  const host = { date: new Date().toISOString(), ...machine(), git: gitInfo() };
  const git = host.git ? `${host.git.commit}${host.git.dirty ? ' with uncommitted changes' : ''}` : '';
  const rate = (s) => [
    s.name,
    fmt(s.count),
    fmt(s.ms, 1),
    `${fmt(s.rangeMs[0])}–${fmt(s.rangeMs[1])}`,
    `**${fmt(s.perSecond)}**`,
    fmt(s.perCpuSecond),
    `${fmt(1e6 / s.perSecond, 1)} µs`,
    fmt(s.otherCores, 2),
  ];
  const time = (s) => [s.name, fmt(s.ms, 1), `${fmt(s.rangeMs[0], 1)}–${fmt(s.rangeMs[1], 1)}`, fmt(s.otherCores, 2)];
  const lines = [
    `## Spam classification${git ? `, ${git}` : ''}`,
    '',
    `${host.cpu}, ${host.cores} cores, Node ${host.node}. ${fmt(comments.length)} comments of the four shipped ` +
      `videos, ${passes} passes a round; ${fmt(model.weights.size)} features in the model. Median of ${settings.rounds}.`,
    '',
    table(
      ['measurement', 'comments', 'median ms', 'range ms', 'comments/s', 'per CPU-s', 'per comment', 'other cores'],
      [false, true, true, true, true, true, true, true],
      [classify, featuresOnly, scoreOnly].map(rate),
    ),
    '',
    table(
      ['measurement', 'median ms', 'range ms', 'other cores'],
      [false, true, true, true],
      [training, load].map(time),
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  appendResult(settings.results, {
    ...host,
    label: settings.label,
    settings: { rounds: settings.rounds, seconds: settings.seconds, passes },
    comments: comments.length,
    features: model.weights.size,
    classify,
    featuresOnly,
    scoreOnly,
    training,
    load,
  });
  log(`appended a record to ${settings.results}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
