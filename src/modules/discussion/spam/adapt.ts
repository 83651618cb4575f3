import { type Example, type SpamModel, spamScore, TRAINING, type TrainingOptions, train } from './model.js';

// Pure: the model adapted to one page of comments before it classifies them (self-training, a
// standard semi-supervised method). A page talks about itself: its fans paste the page's own
// link, joke about its view count, quote its lyrics. The training videos never taught that, so
// such real comments read like spam to a model that has not seen the page. Classifying a whole
// file at once lets the model first take the comments it is sure of as examples, retrain, and
// then score every comment.
//
// Measured by leave-one-video-out (the held-out video's labels used only to score the result):
// pooled accuracy .947 -> .955 (docs/SPAM.md, `marketgate spam eval`). The one video where it
// does not help (LMFAO, whose errors are missed spam) it leaves within a comment or two.

export interface Adaptation {
  /** Below this score a page's comment is taken as an example of ham. */
  ham: number;
  /** Above this score, as an example of spam. */
  spam: number;
}

/** Chosen to be good on every held-out video, not the best on average (the curve is flat around it). */
export const ADAPTATION: Adaptation = { ham: 0.3, spam: 0.98 };

/**
 * The model retrained on its training examples plus the page's comments it is sure of; the
 * model itself when it is sure of none.
 */
export function adaptToPage(
  model: SpamModel,
  training: readonly Example[],
  page: readonly ReadonlySet<string>[],
  adaptation: Adaptation = ADAPTATION,
  options: TrainingOptions = TRAINING,
): SpamModel {
  const sure: Example[] = [];
  for (const features of page) {
    const score = spamScore(model, features);
    if (score < adaptation.ham) sure.push({ features, spam: false });
    else if (score > adaptation.spam) sure.push({ features, spam: true });
  }
  return sure.length === 0 ? model : train([...training, ...sure], options);
}
