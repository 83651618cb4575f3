import { features, plainText } from './features.js';
import { type SpamModel, spamScore } from './model.js';

// Pure: the spam pipeline's decision. The classifier reads the text; the signals carry what the
// text alone does not (a filled honeypot, a form sent faster than anyone types, the same words
// posted again, a flood from one address). Each reason is kept, in words a moderator reads.

export interface Submission {
  author?: string | undefined;
  email?: string | undefined;
  url?: string | undefined;
  content: string;
}

export interface Signals {
  /** The hidden form field that people never see and bots fill in. */
  honeypotFilled?: boolean;
  /** From the form's load to its submission; undefined when unknown (API clients). */
  secondsToSubmit?: number | undefined;
  /** Other comments with the same text in the recent past. */
  duplicates?: number;
  /** Comments from the same address in the recent past, this one excluded. */
  recentFromAddress?: number;
}

export type Outcome = 'published' | 'held' | 'spam' | 'discard';

export interface Reason {
  code: 'classifier' | 'honeypot' | 'too-fast' | 'duplicate' | 'links' | 'author-url' | 'flood' | 'upstream';
  detail: string;
}

export interface Assessment {
  /** The classifier's probability-like score that the text is spam, 0..1. */
  score: number;
  outcome: Outcome;
  reasons: Reason[];
}

export const THRESHOLDS = {
  /** From this score a comment waits for a moderator. */
  hold: 0.5,
  /** From this score a comment is spam: kept out of sight, purged later. */
  spam: 0.9,
  /** Faster than this from page load to submit is a script, not a person typing. */
  minimumSeconds: 3,
  /** More links than this in one comment wait for a moderator whatever the score. */
  maximumLinks: 2,
  /** More comments than this from one address in the flood window wait for a moderator. */
  maximumRecent: 5,
};

const LINKS = /https?:\/\/|www\./gi;

/** The features that pushed the score most towards spam, as words a moderator recognises. */
export function strongestSpamFeatures(model: SpamModel, found: ReadonlySet<string>, count = 3): string[] {
  return (
    [...found]
      // Short words ("for", "my") weigh in too, but name nothing a moderator can act on.
      .filter((f) => f.startsWith('w:') && f.length > 5 && (model.weights.get(f) ?? 0) > 0)
      .sort((a, b) => model.weights.get(b)! - model.weights.get(a)!)
      .slice(0, count)
      .map((f) => f.slice(2))
  );
}

export function assess(model: SpamModel, submission: Submission, signals: Signals = {}): Assessment {
  const found = features(submission.content);
  const score = spamScore(model, found);
  const reasons: Reason[] = [];
  // Worse outcomes win: each signal can only raise the outcome, never lower it.
  let outcome: Outcome = score >= THRESHOLDS.spam ? 'spam' : score >= THRESHOLDS.hold ? 'held' : 'published';
  const raise = (to: Outcome) => {
    if (RANK[to] > RANK[outcome]) outcome = to;
  };

  if (score >= THRESHOLDS.hold) {
    const words = strongestSpamFeatures(model, found);
    reasons.push({
      code: 'classifier',
      detail: `Reads like spam (score ${score.toFixed(2)}${words.length ? `; words such as ${words.map((w) => `"${w}"`).join(', ')}` : ''})`,
    });
  }
  if (signals.honeypotFilled) {
    reasons.push({ code: 'honeypot', detail: 'Filled in the hidden field that only bots see' });
    raise('discard');
  }
  if (signals.secondsToSubmit !== undefined && signals.secondsToSubmit < THRESHOLDS.minimumSeconds) {
    reasons.push({
      code: 'too-fast',
      detail: `Sent ${Math.max(0, signals.secondsToSubmit).toFixed(1)} s after the page loaded`,
    });
    raise(score >= THRESHOLDS.hold ? 'discard' : 'spam');
  }
  if ((signals.duplicates ?? 0) > 0) {
    reasons.push({ code: 'duplicate', detail: `The same text was posted ${signals.duplicates} time(s) before` });
    raise(score >= THRESHOLDS.hold ? 'spam' : 'held');
  }
  const links = plainText(submission.content).match(LINKS)?.length ?? 0;
  if (links > THRESHOLDS.maximumLinks) {
    reasons.push({ code: 'links', detail: `${links} links` });
    raise('held');
  }
  if (submission.url && score >= THRESHOLDS.hold) {
    reasons.push({ code: 'author-url', detail: `Promotes a website: ${submission.url}` });
  }
  if ((signals.recentFromAddress ?? 0) >= THRESHOLDS.maximumRecent) {
    reasons.push({
      code: 'flood',
      detail: `${signals.recentFromAddress} other comments from the same address recently`,
    });
    raise('held');
  }
  if (outcome === 'spam' && score >= 0.99 && reasons.length > 2) raise('discard');
  return { score, outcome, reasons };
}

const RANK: Record<Outcome, number> = { published: 0, held: 1, spam: 2, discard: 3 };
