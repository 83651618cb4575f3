import { describe, expect, it } from 'vitest';
import type { LabelledComment } from './dataset.js';
import {
  addConfusions,
  authorsSplit,
  confusion,
  leaveOneVideoOut,
  meanMetrics,
  metrics,
  perVideo,
  type Trainer,
} from './evaluate.js';
import type { SpamModel } from './model.js';

const comment = (content: string, spam: boolean, date: string | null = null): LabelledComment => ({
  content,
  author: 'someone',
  date,
  spam,
});

describe('the metrics of a confusion matrix', () => {
  it('works out each rate by hand: 3 spam caught, 2 missed, 4 ham passed, 1 blocked', () => {
    const m = metrics({ tp: 3, fn: 2, tn: 4, fp: 1 });
    expect(m).toMatchObject({ comments: 10, spam: 5, ham: 5, accuracy: 0.7, precision: 0.75, recall: 0.6 });
    expect(m.blockedHam).toBeCloseTo(0.2, 12);
    expect(m.f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35, 12); // 0.6667
    expect(m.mcc).toBeCloseTo((3 * 4 - 1 * 2) / Math.sqrt(4 * 5 * 5 * 6), 12); // 10 / √600 = 0.4082
  });

  it("gives the collection authors' published figures from their counts (Psy, SVM RBF: TP 50 TN 52 FP 1 FN 3)", () => {
    const m = metrics({ tp: 50, tn: 52, fp: 1, fn: 3 });
    expect((m.accuracy * 100).toFixed(2)).toBe('96.23');
    expect((m.recall * 100).toFixed(2)).toBe('94.34');
    expect((m.blockedHam * 100).toFixed(2)).toBe('1.89');
    expect(m.f1.toFixed(3)).toBe('0.962');
    expect(m.mcc.toFixed(3)).toBe('0.925');
  });

  it('is perfect when every comment is right, and MCC is -1 when every one is wrong', () => {
    expect(metrics({ tp: 5, fn: 0, tn: 5, fp: 0 })).toMatchObject({ accuracy: 1, f1: 1, mcc: 1, blockedHam: 0 });
    expect(metrics({ tp: 0, fn: 5, tn: 0, fp: 5 })).toMatchObject({ accuracy: 0, recall: 0, blockedHam: 1, mcc: -1 });
  });

  it('counts a rate with nothing to divide by as 0, as scikit-learn does', () => {
    // Everything marked ham: no precision to speak of; no spam at all: no recall; one class: no MCC.
    expect(metrics({ tp: 0, fn: 4, tn: 6, fp: 0 })).toMatchObject({ precision: 0, f1: 0, mcc: 0 });
    expect(metrics({ tp: 0, fn: 0, tn: 6, fp: 0 })).toMatchObject({ recall: 0, mcc: 0, accuracy: 1 });
    expect(metrics({ tp: 0, fn: 0, tn: 0, fp: 0 })).toMatchObject({ comments: 0, accuracy: 0, blockedHam: 0 });
  });

  it('marks spam from a score of 0.5 up', () => {
    const c = confusion([
      { spam: true, score: 0.5 },
      { spam: true, score: 0.4999 },
      { spam: false, score: 0.5 },
      { spam: false, score: 0.1 },
    ]);
    expect(c).toEqual({ tp: 1, fn: 1, fp: 1, tn: 1 });
  });

  it('adds confusion matrices, and averages each rate over several evaluations', () => {
    const a = { tp: 3, fn: 2, tn: 4, fp: 1 };
    const b = { tp: 5, fn: 0, tn: 5, fp: 0 };
    expect(addConfusions([a, b])).toEqual({ tp: 8, fn: 2, tn: 9, fp: 1 });
    const mean = meanMetrics([metrics(a), metrics(b)]);
    expect(mean.comments).toBe(20);
    expect(mean.accuracy).toBeCloseTo(0.85, 12);
    expect(mean.mcc).toBeCloseTo((10 / Math.sqrt(600) + 1) / 2, 12);
  });
});

describe("the authors' 70/30 split", () => {
  it('tests on the last 30% of each class in file order: 175 spam and 175 ham test 53 and 53', () => {
    const comments = Array.from({ length: 350 }, (_, i) => comment(`c${i}`, i % 2 === 0));
    const { train, test } = authorsSplit(comments);
    expect([train.filter((c) => c.spam).length, train.filter((c) => !c.spam).length]).toEqual([122, 122]);
    expect([test.filter((c) => c.spam).length, test.filter((c) => !c.spam).length]).toEqual([53, 53]);
    expect(train.map((c) => c.content)).toEqual(comments.slice(0, 244).map((c) => c.content));
  });

  it('rounds the train share down, as the authors did: 236 spam and 202 ham test 71 and 61 (LMFAO)', () => {
    const comments = [
      ...Array.from({ length: 236 }, (_, i) => comment(`s${i}`, true)),
      ...Array.from({ length: 202 }, (_, i) => comment(`h${i}`, false)),
    ];
    const { test } = authorsSplit(comments);
    expect([test.filter((c) => c.spam).length, test.filter((c) => !c.spam).length]).toEqual([71, 61]);
  });

  it('splits each class apart, however the classes are interleaved, and keeps the file order in both halves', () => {
    const comments = [
      ...['s1', 's2', 's3', 's4', 's5', 's6', 's7'].map((t) => comment(t, true)),
      ...['h1', 'h2', 'h3'].map((t) => comment(t, false)),
    ];
    const { train, test } = authorsSplit(comments);
    expect(train.map((c) => c.content)).toEqual(['s1', 's2', 's3', 's4', 'h1', 'h2']);
    expect(test.map((c) => c.content)).toEqual(['s5', 's6', 's7', 'h3']);
  });

  it('by date, trains on the oldest 70% of each class even when the file lists the newest first', () => {
    const days = ['2015-05-28', '2015-03-01', '2014-12-24', '2014-09-09', '2014-07-21'];
    const comments = [
      ...days.map((d) => comment(`spam of ${d}`, true, `${d}T10:00:00`)),
      ...days.map((d) => comment(`ham of ${d}`, false, `${d}T10:00:00`)),
    ];
    const { test } = authorsSplit(comments, 'date');
    expect(test.map((c) => c.content)).toEqual([
      'spam of 2015-05-28',
      'spam of 2015-03-01',
      'ham of 2015-05-28',
      'ham of 2015-03-01',
    ]);
  });

  it('refuses to split by date when a comment has none', () => {
    expect(() => authorsSplit([comment('a', true, null), comment('b', false, '2015-01-01')], 'date')).toThrow(
      /no date/,
    );
  });
});

describe('the two protocols', () => {
  // A stand-in model that remembers what it was trained on and calls spam whatever it was told was spam.
  const trainedOn: string[][] = [];
  const memorise: Trainer = (comments) => {
    trainedOn.push(comments.map((c) => c.content));
    const weights = new Map(comments.filter((c) => c.spam).map((c) => [`w:${c.content}`, 20]));
    return { bias: -10, weights } satisfies SpamModel;
  };
  const video = (name: string, spam: string[], ham: string[]) => ({
    name,
    comments: [...spam.map((t) => comment(t, true)), ...ham.map((t) => comment(t, false))],
  });
  const videos = [
    video('a', ['buy', 'sell', 'win'], ['nice', 'great', 'love']),
    video('b', ['buy', 'cash', 'free'], ['song', 'dance', 'great']),
  ];

  it('per video, trains on 70% of the video and tests on the rest of it', () => {
    trainedOn.length = 0;
    const result = perVideo(videos, 'file', memorise);
    expect(trainedOn).toEqual([
      ['buy', 'sell', 'nice', 'great'],
      ['buy', 'cash', 'song', 'dance'],
    ]);
    // a tests "win" (unseen: missed) and "love"; b tests "free" (missed) and "great".
    expect(result.videos.map((v) => [v.name, v.trainedOn, v.confusion])).toEqual([
      ['a', 4, { tp: 0, fn: 1, tn: 1, fp: 0 }],
      ['b', 4, { tp: 0, fn: 1, tn: 1, fp: 0 }],
    ]);
    expect(result.pooled.comments).toBe(4);
  });

  it('leaving one video out, trains on the other videos only and tests on all of the one left out', () => {
    trainedOn.length = 0;
    const result = leaveOneVideoOut(videos, memorise);
    expect(trainedOn).toEqual([videos[1]!.comments.map((c) => c.content), videos[0]!.comments.map((c) => c.content)]);
    // Only "buy" is spam in both videos.
    expect(result.videos.map((v) => v.confusion)).toEqual([
      { tp: 1, fn: 2, tn: 3, fp: 0 },
      { tp: 1, fn: 2, tn: 3, fp: 0 },
    ]);
    expect(result.pooled).toMatchObject({ comments: 12, spam: 6, recall: 2 / 6 });
    expect(result.mean.recall).toBeCloseTo(1 / 3, 12);
  });
});
