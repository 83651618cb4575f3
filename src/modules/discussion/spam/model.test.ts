import { describe, expect, it } from 'vitest';
import { features } from './features.js';
import { learn, spamScore, TRAINING, train } from './model.js';

const spam = [
  'Check out my channel for free gift cards http://free.ly/x',
  'subscribe to my channel please!!! www.mychannel.com',
  'FREE iPhone giveaway click here http://win.gl/abc',
  'Make money online fast, check my channel',
  'please subscribe to my channel, I make music videos',
  'Earn 500 dollars a day from home http://cash.com',
];
const ham = [
  'This song never gets old, still listening in 2015',
  'Love the dance moves in this video',
  'Who else is here after the new album came out?',
  'The chorus is so catchy, I cannot stop singing it',
  'My kids love this song so much',
  'Best music video of the year, the colours are amazing',
];
const examples = [
  ...spam.map((t) => ({ features: features(t), spam: true })),
  ...ham.map((t) => ({ features: features(t), spam: false })),
];
const options = { ...TRAINING, minDocuments: 1 };

describe('the spam model', () => {
  it('separates what it was trained on, and generalises to a new comment of each kind', () => {
    const model = train(examples, options);
    for (const e of examples) expect(spamScore(model, e.features) > 0.5).toBe(e.spam);
    expect(spamScore(model, features('subscribe to my channel for free stuff http://gift.ly/y'))).toBeGreaterThan(0.5);
    expect(spamScore(model, features('I love this song, the video is amazing'))).toBeLessThan(0.5);
  });

  it('trains the same model from the same data and seed', () => {
    const a = train(examples, options);
    const b = train(examples, options);
    expect([...a.weights]).toEqual([...b.weights]);
    expect(a.bias).toBe(b.bias);
  });

  it('keeps only features seen often enough, and scores unknown ones as nothing', () => {
    const model = train(examples, { ...options, minDocuments: 2 });
    expect(model.weights.has('w:iphone')).toBe(false);
    expect(model.weights.has('w:channel')).toBe(true);
    expect(spamScore(model, new Set(['w:never-seen']))).toBeCloseTo(1 / (1 + Math.exp(-model.bias)), 10);
  });

  it("moves towards a moderator's decision, learning features it had not seen", () => {
    const model = train(examples, options);
    const comment = features('visit zzquux dot example for cheap pills');
    const before = spamScore(model, comment);
    for (let t = 0; t < 5; t++) learn(model, comment, true, 1000 + t, options);
    expect(spamScore(model, comment)).toBeGreaterThan(before);
    expect(model.weights.has('w:zzquux')).toBe(true);
  });
});
