import { describe, expect, it } from 'vitest';
import { adaptToPage } from './adapt.js';
import { features } from './features.js';
import { spamScore, TRAINING, train } from './model.js';

const training = [
  ...['check out my channel http://a.ly/x', 'subscribe to my channel please', 'free gift cards at www.gift.com'].map(
    (t) => ({ features: features(t), spam: true }),
  ),
  ...['love this song so much', 'the chorus is great', 'best video of the year'].map((t) => ({
    features: features(t),
    spam: false,
  })),
];
const options = { ...TRAINING, minDocuments: 1 };

describe('adapting the model to a page', () => {
  it("learns the page's own talk from the comments it is sure of, without labels", () => {
    const model = train(training, options);
    // The page's fans talk about its view count; once, next to words the model knows as ham.
    const page = [
      'love this song, the views keep counting up',
      'best chorus, here for the views counting',
      'views counting again',
    ].map(features);
    const before = spamScore(model, page[2]!);
    const adapted = adaptToPage(model, training, page, { ham: 0.45, spam: 0.99 }, options);
    expect(spamScore(adapted, page[2]!)).toBeLessThan(before);
  });

  it('keeps the model when it is sure of nothing on the page', () => {
    const model = train(training, options);
    expect(adaptToPage(model, training, [features('channel song')], { ham: 0, spam: 1 }, options)).toBe(model);
  });
});
