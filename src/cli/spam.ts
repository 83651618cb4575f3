import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { ADAPTATION, adaptToPage } from '../modules/discussion/spam/adapt.js';
import { type CommentToClassify, classify, commentsToClassify } from '../modules/discussion/spam/classify-csv.js';
import {
  examples,
  parseLabelledComments,
  REPOSITORY,
  readLabelledComments,
  readYoutube,
  type VideoComments,
} from '../modules/discussion/spam/dataset.js';
import {
  addConfusions,
  type Confusion,
  confusion,
  hasDates,
  leaveOneVideoOut,
  type Metrics,
  metrics,
  type ProtocolResult,
  perVideo,
  SPAM_AT,
  scoreAll,
} from '../modules/discussion/spam/evaluate.js';
import { features } from '../modules/discussion/spam/features.js';
import { TRAINING, train } from '../modules/discussion/spam/model.js';
import {
  DEFAULT_MODEL_FILE,
  loadModel,
  type ModelFile,
  ModelFileError,
  serializeModel,
} from '../modules/discussion/spam/model-file.js';
import { sha256 } from '../platform/hash.js';

// `marketgate spam train | eval | classify`: the comment spam model from the command line. None of
// them opens the database: the model is a file in the repository, the data CSV files. (`spam keys`, in
// spam-keys.ts, does: keys live in the database.)

/** A path as the user would type it from here: relative below the working directory, else absolute. */
function shown(path: string): string {
  const below = relative(process.cwd(), resolve(path));
  return below && !below.startsWith('..') && !isAbsolute(below) ? below : resolve(path);
}

function trainModel(options: { out?: string }): void {
  const out = options.out ?? DEFAULT_MODEL_FILE;
  const videos = readYoutube();
  const model = train(
    videos.flatMap((v) => examples(v.comments)),
    TRAINING,
  );
  const sources = videos.map((v) => ({ file: v.file, sha256: v.sha256, comments: v.comments.length }));
  const text = serializeModel(model, { ...TRAINING, sources });
  try {
    writeFileSync(out, text);
  } catch (error) {
    throw new ModelFileError(`cannot write the spam model ${out}: ${(error as Error).message}`);
  }
  const comments = sources.reduce((n, s) => n + s.comments, 0);
  const weights = Object.keys(JSON.parse(text).weights).length;
  process.stdout.write(
    `Trained on ${comments.toLocaleString('en-US')} comments from ${sources.length} files: ${weights.toLocaleString('en-US')} features; wrote ${shown(out)}\n`,
  );
}

const rate = (x: number) => x.toFixed(3);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}

const METRIC_HEADER = ['accuracy', 'precision', 'recall', 'blocked ham', 'F1', 'MCC'];
const metricCells = (m: Metrics) => [m.accuracy, m.precision, m.recall, m.blockedHam, m.f1, m.mcc].map(rate);
const counts = (m: Metrics) => `${m.comments} (${m.spam}+${m.ham})`;

function protocolTable(title: string, result: ProtocolResult, videos: readonly VideoComments[], authors: boolean) {
  const header = ['video', 'trained on', 'tested on (spam+ham)', ...METRIC_HEADER];
  if (authors) header.push("authors' best: MCC");
  const bestOf = (name: string) => videos.find((video) => video.name === name)!.authorsBest;
  const rows = result.videos.map((v) => {
    const best = bestOf(v.name);
    const row = [v.name, String(v.trainedOn), counts(v.metrics), ...metricCells(v.metrics)];
    if (authors) row.push(`${best.classifier} ${rate(best.mcc)}`);
    return row;
  });
  const mean = ['mean', '', '', ...metricCells(result.mean)];
  if (authors) mean.push(rate(result.videos.reduce((s, v) => s + bestOf(v.name).mcc, 0) / result.videos.length));
  rows.push(mean, ['all, pooled', '', counts(result.pooled), ...metricCells(result.pooled)]);
  return `${title}\n\n${table(header, rows)}`;
}

function evaluateShipped(options: { json?: boolean }): void {
  const videos = readYoutube();
  const dated = videos.filter((v) => hasDates(v.comments));
  const protocols = {
    authorsSplit: perVideo(videos, 'file'),
    authorsSplitByDate: perVideo(dated, 'date'),
    leaveOneVideoOut: leaveOneVideoOut(videos),
    leaveOneVideoOutAdapted: leaveOneVideoOut(videos, undefined, true),
  };
  if (options.json) {
    const authorsBest = Object.fromEntries(videos.map((v) => [v.name, v.authorsBest]));
    process.stdout.write(`${JSON.stringify({ threshold: SPAM_AT, ...protocols, authorsBest })}\n`);
    return;
  }
  const undated = videos.filter((v) => !dated.includes(v)).map((v) => v.name);
  process.stdout.write(
    `Spam marked from score ${SPAM_AT}; the model's training options as shipped (model.ts TRAINING).\n\n` +
      protocolTable(
        "(i) Per video, the authors' 70/30 split: the first 70% of each class's rows in file order train, the rest test",
        protocols.authorsSplit,
        videos,
        true,
      ) +
      '\n' +
      protocolTable(
        `(i, by date) The same split with each class's oldest 70% training${undated.length ? ` (not ${undated.join(', ')}: rows without dates)` : ''}`,
        protocols.authorsSplitByDate,
        videos,
        true,
      ) +
      '\n' +
      protocolTable(
        '(ii) Leave one video out: trained on the other videos, tested on every comment of this one',
        protocols.leaveOneVideoOut,
        videos,
        false,
      ) +
      '\n' +
      protocolTable(
        '(ii, adapted) The same, the model first adapting to the video as `spam classify` does to a file (see adapt.ts)',
        protocols.leaveOneVideoOutAdapted,
        videos,
        false,
      ) +
      "\nAuthors' best: the best of their 12 classifiers per video by MCC (Alberto, Lochter & Almeida, TubeSpam, ICMLA 2015).\n",
  );
}

function evaluateFiles(files: string[], options: { model?: string; json?: boolean }): void {
  const { model, file: modelFile } = loadModel(options.model);
  const trainedOn = new Set(modelFile.training.sources.map((s) => s.sha256));
  const results = files.map((file) => {
    const c = confusion(scoreAll(model, readLabelledComments(file)));
    // Figures on the training data say how well the model learnt, not how well it will do.
    const seen = trainedOn.has(sha256(readFileSync(file)));
    return { file, trainedOnIt: seen, confusion: c, metrics: metrics(c) };
  });
  const together = addConfusions(results.map((r) => r.confusion));
  const all = metrics(together);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ threshold: SPAM_AT, files: results, all })}\n`);
    return;
  }
  const cells = (name: string, c: Confusion, m: Metrics) => [
    name,
    counts(m),
    ...metricCells(m),
    `${c.tp} ${c.fp} ${c.tn} ${c.fn}`,
  ];
  const rows = results.map((r) => cells(`${r.file}${r.trainedOnIt ? ' *' : ''}`, r.confusion, r.metrics));
  if (results.length > 1) rows.push(cells('all', together, all));
  process.stdout.write(
    `The model ${shown(options.model ?? DEFAULT_MODEL_FILE)}, spam marked from score ${SPAM_AT}:\n\n` +
      table(['file', 'comments (spam+ham)', ...METRIC_HEADER, 'TP FP TN FN'], rows) +
      (results.some((r) => r.trainedOnIt)
        ? '\n* the model was trained on this file: its figures are not a test\n'
        : ''),
  );
}

/** What a model file was trained on, read again from the recorded files, checked by their sha256. */
function trainingExamples(modelFile: ModelFile, shownAs: string) {
  return modelFile.training.sources.flatMap((source) => {
    const path = join(REPOSITORY, source.file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      throw new ModelFileError(
        `cannot adapt ${shownAs} to the file: its training data ${source.file} is missing (use --no-adapt)`,
      );
    }
    if (sha256(bytes) !== source.sha256) {
      throw new ModelFileError(
        `cannot adapt ${shownAs} to the file: ${source.file} changed since training (use --no-adapt)`,
      );
    }
    return examples(parseLabelledComments(bytes.toString('utf8'), source.file));
  });
}

async function classifyFile(file: string, options: { model?: string; adapt: boolean }): Promise<void> {
  const { model, file: modelFile } = loadModel(options.model);
  if (!options.adapt) {
    // Without adapting, one comment at a time: any size of file in constant memory.
    for await (const comment of commentsToClassify(file)) await print(classify(model, comment));
    return;
  }
  const comments: CommentToClassify[] = [];
  for await (const comment of commentsToClassify(file)) comments.push(comment);
  const adapted = adaptToPage(
    model,
    trainingExamples(modelFile, shown(options.model ?? DEFAULT_MODEL_FILE)),
    comments.map((c) => features(c.content)),
    ADAPTATION,
    modelFile.training,
  );
  for (const comment of comments) await print(classify(adapted, comment));
}

async function print(line: object): Promise<void> {
  if (!process.stdout.write(`${JSON.stringify(line)}\n`)) await once(process.stdout, 'drain');
}

/** Adds `spam` and its subcommands to the program; returns it, for more subcommands to attach. */
export function spamCommands(program: Command): Command {
  const spam = program.command('spam').description('the comment spam filter: train, evaluate and try the model');
  spam
    .command('train')
    .description('train the model on the shipped YouTube Spam Collection files and write it (same bytes every run)')
    .option('--out <file>', 'where to write the model (default: data/spam/model.json)')
    .action(trainModel);
  spam
    .command('eval')
    .description(
      "without files, the two protocols on the shipped data, next to the collection authors' figures; " +
        'with labelled CSV files (CONTENT and CLASS, 1 spam, 0 ham), how the model does on them',
    )
    .argument('[files...]', 'labelled comment CSV files')
    .option('--model <file>', 'the model to evaluate on files (default: the shipped data/spam/model.json)')
    .option('--json', 'print the figures as one JSON object')
    .action((files: string[], options: { model?: string; json?: boolean }, command: Command) => {
      if (files.length > 0) return evaluateFiles(files, options);
      // The protocols train their own models; a model file has nothing to be tested on here.
      if (options.model) command.error('marketgate: --model needs labelled files to evaluate it on', { exitCode: 2 });
      evaluateShipped(options);
    });
  spam
    .command('classify')
    .description('print {"row", "spam", "score"} as a JSON line for each comment of a CSV with AUTHOR and CONTENT')
    .argument('<file.csv>', 'comments: a header row naming AUTHOR and CONTENT (EMAIL, URL optional; others ignored)')
    .option('--model <file>', 'the model (default: the shipped data/spam/model.json)')
    .option(
      '--no-adapt',
      'score each comment as it comes, without first adapting the model to the whole file (constant memory)',
    )
    .action(classifyFile);
  return spam;
}
