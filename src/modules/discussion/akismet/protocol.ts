import type { Outcome, Signals, Submission } from '../spam/assess.js';

// Pure: the Akismet REST protocol (https://akismet.com/developers/detailed-docs/) as other sites'
// plugins and libraries speak it: where the key is, what a comment-check or submit-* form says,
// and the exact plain-text answers and headers they expect back. Every answer is HTTP 200, as
// Akismet's are; the body tells success from failure.

/** A form as @fastify/formbody parses it: a field sent twice arrives as an array. */
export type Form = Record<string, string | string[] | undefined>;

export interface Answer {
  body: string;
  headers: Record<string, string>;
}

/** The one body submit-spam and submit-ham answer with; @cedx/akismet refuses any other. */
export const THANKS = 'Thanks for making the web a better place.';

/**
 * Keys are 12 lowercase hex characters, as Akismet's are: WordPress' Akismet plugin strips any
 * other character from a key and calls a key of another length invalid without asking the
 * server (Akismet::verify_key, `strlen( $key ) != 12`).
 */
export const KEY_SHAPE = /^[0-9a-f]{12}$/;

/**
 * The key: `api_key` (current docs, @cedx/akismet, WordPress' plugin), else `key` (verify-key in
 * the old docs, akismet-api), else the first label of the host the request was sent to, as the
 * legacy clients do (`<key>.rest.akismet.com`). A label is only taken when it is shaped like a
 * key, so `www.example.com` is not read as the key "www".
 */
export function keyOf(form: Form, hostname: string | undefined): string | undefined {
  const given = field(form, 'api_key') ?? field(form, 'key');
  if (given) return given;
  const labels = (hostname ?? '').toLowerCase().split('.');
  return labels.length > 1 && KEY_SHAPE.test(labels[0]!) ? labels[0] : undefined;
}

/** Sent for a key that is unknown or revoked. The debug header makes @cedx/akismet throw rather than read it as spam. */
export const INVALID_KEY: Answer = {
  body: 'invalid',
  headers: { 'x-akismet-debug-help': 'The API key is unknown or was revoked: ask the site owner for a valid one.' },
};

export const VALID_KEY: Answer = { body: 'valid', headers: {} };

/** The documented required fields besides the key, in the order Akismet names them. */
const REQUIRED = ['blog', 'user_ip'] as const;

/** The error answer for the first missing required field, in Akismet's words; undefined when none is missing. */
export function missingField(form: Form): Answer | undefined {
  const missing = REQUIRED.find((name) => !field(form, name));
  if (!missing) return undefined;
  const help = `Missing required field: ${missing}.`;
  return { body: help, headers: { 'x-akismet-debug-help': help } };
}

/** A comment-check or submit-* form, read. */
export interface CommentForm {
  submission: Submission;
  signals: Signals;
  /** `is_test`: a client's test suite is calling; nothing is learnt from it. */
  test: boolean;
  /** The documented test triggers answer the same whatever the text says. */
  trigger: 'spam' | 'ham' | undefined;
}

// WordPress' Akismet plugin adds this hidden textarea to comment forms and forwards it as
// POST_ak_hp_textarea: a person never sees it, so anything in it was typed by a bot.
const WORDPRESS_HONEYPOT = 'POST_ak_hp_textarea';

const SPAM_TRIGGERS = { author: 'viagra-test-123', email: 'akismet-guaranteed-spam@example.com' };

export function readCommentForm(form: Form): CommentForm {
  const submission: Submission = {
    author: field(form, 'comment_author'),
    email: field(form, 'comment_author_email'),
    url: field(form, 'comment_author_url'),
    content: field(form, 'comment_content') ?? '',
  };
  const honeypot = field(form, 'honeypot_field_name');
  const honeypotFilled = Boolean((honeypot && field(form, honeypot)) || field(form, WORDPRESS_HONEYPOT));
  // WordPress sends every role of the user, comma-separated.
  const roles = (field(form, 'user_role') ?? '').split(',').map((role) => role.trim().toLowerCase());
  const trigger =
    submission.author === SPAM_TRIGGERS.author || submission.email?.toLowerCase() === SPAM_TRIGGERS.email
      ? 'spam'
      : roles.includes('administrator')
        ? 'ham'
        : undefined;
  return { submission, signals: { honeypotFilled }, test: truthy(field(form, 'is_test')), trigger };
}

export type Verdict = 'ham' | 'spam' | 'discard';

/**
 * Akismet's `true` means "spam: keep it out of sight". A comment our pipeline would hold for a
 * moderator is more likely spam than not (score 0.5 and up, or a signal such as many links), so
 * it is `true` too; `discard` is the blatant spam Akismet says may be dropped unseen.
 */
export function verdictOf(outcome: Outcome): Verdict {
  return outcome === 'published' ? 'ham' : outcome === 'discard' ? 'discard' : 'spam';
}

export function checkAnswer(verdict: Verdict): Answer {
  if (verdict === 'ham') return { body: 'false', headers: {} };
  return { body: 'true', headers: verdict === 'discard' ? { 'x-akismet-pro-tip': 'discard' } : {} };
}

/** usage-limit's figures; `none` is what Akismet sends for a plan without a limit. */
export function usageLimit(limit: number | undefined, usage: number) {
  return {
    limit: limit ?? ('none' as const),
    usage,
    percentage: limit ? ((usage / limit) * 100).toFixed(2) : '0.00',
    // Over the limit, calls are still answered: the limit is for the site owner to watch.
    throttled: false,
  };
}

/**
 * A form field's value: the last one when sent twice (as PHP reads it), undefined when absent or
 * blank. NUL characters are dropped: PostgreSQL cannot store them, and Akismet's clients expect an
 * answer in its words, not a refusal of ours.
 */
export function field(form: Form, name: string): string | undefined {
  const raw = form[name];
  const value = (Array.isArray(raw) ? raw[raw.length - 1] : raw)?.replaceAll('\0', '').trim();
  return value === '' ? undefined : value;
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}
