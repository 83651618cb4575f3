import { describe, expect, it } from 'vitest';
import {
  checkAnswer,
  field,
  INVALID_KEY,
  keyOf,
  missingField,
  readCommentForm,
  THANKS,
  usageLimit,
  verdictOf,
} from './protocol.js';

const KEY = '0123456789ab';

describe('where the key is', () => {
  it('takes api_key from the form, as the current docs and @cedx/akismet send it', () => {
    expect(keyOf({ api_key: KEY }, 'spam.example.com')).toBe(KEY);
  });

  it('takes key from the form, as akismet-api sends it to verify-key', () => {
    expect(keyOf({ key: KEY }, undefined)).toBe(KEY);
  });

  it('prefers api_key over key when both are sent', () => {
    expect(keyOf({ api_key: KEY, key: 'ffffffffffff' }, undefined)).toBe(KEY);
  });

  it('takes the first label of the host, as legacy clients send it (<key>.rest.akismet.com)', () => {
    expect(keyOf({}, `${KEY}.localhost`)).toBe(KEY);
    expect(keyOf({}, `${KEY.toUpperCase()}.spam.example.com`)).toBe(KEY);
  });

  it('does not read a host label that is not shaped like a key, nor a bare host name', () => {
    expect(keyOf({}, 'www.example.com')).toBeUndefined();
    expect(keyOf({}, '127.0.0.1')).toBeUndefined();
    expect(keyOf({}, KEY)).toBeUndefined();
    expect(keyOf({}, undefined)).toBeUndefined();
  });

  it('ignores a blank api_key and falls back to the host', () => {
    expect(keyOf({ api_key: ' ' }, `${KEY}.localhost`)).toBe(KEY);
  });
});

describe('required fields', () => {
  it('names a missing blog first, in the body and in X-akismet-debug-help, as Akismet does', () => {
    expect(missingField({ user_ip: '203.0.113.5' })).toEqual({
      body: 'Missing required field: blog.',
      headers: { 'x-akismet-debug-help': 'Missing required field: blog.' },
    });
    expect(missingField({})).toEqual(missingField({ user_ip: '203.0.113.5' }));
  });

  it('names a missing user_ip', () => {
    expect(missingField({ blog: 'https://blog.example.com' })?.body).toBe('Missing required field: user_ip.');
  });

  it('counts a blank field as missing', () => {
    expect(missingField({ blog: 'https://blog.example.com', user_ip: '  ' })?.body).toBe(
      'Missing required field: user_ip.',
    );
  });

  it('is satisfied by blog and user_ip', () => {
    expect(missingField({ blog: 'https://blog.example.com', user_ip: '203.0.113.5' })).toBeUndefined();
  });
});

describe('reading a comment form', () => {
  it('maps the comment_* fields to the submission the filter scores', () => {
    const form = readCommentForm({
      comment_author: 'Ana',
      comment_author_email: 'ana@example.com',
      comment_author_url: 'https://ana.example.com',
      comment_content: 'Does it charge a laptop?',
    });
    expect(form.submission).toEqual({
      author: 'Ana',
      email: 'ana@example.com',
      url: 'https://ana.example.com',
      content: 'Does it charge a laptop?',
    });
    expect(form).toMatchObject({ signals: { honeypotFilled: false }, test: false, trigger: undefined });
  });

  it('reads an absent comment_content as empty text', () => {
    expect(readCommentForm({}).submission.content).toBe('');
  });

  it('takes the last value of a field sent twice, as PHP does', () => {
    expect(readCommentForm({ comment_content: ['first', 'second'] }).submission.content).toBe('second');
  });

  it('sees a filled honeypot: honeypot_field_name names the field, and the field has a value', () => {
    expect(readCommentForm({ honeypot_field_name: 'hp', hp: 'http://spam.example' }).signals.honeypotFilled).toBe(true);
  });

  it('does not see an empty honeypot, nor a honeypot named but not sent', () => {
    expect(readCommentForm({ honeypot_field_name: 'hp', hp: '' }).signals.honeypotFilled).toBe(false);
    expect(readCommentForm({ honeypot_field_name: 'hp' }).signals.honeypotFilled).toBe(false);
  });

  it("sees WordPress' own hidden field, forwarded as POST_ak_hp_textarea", () => {
    expect(readCommentForm({ POST_ak_hp_textarea: 'buy now' }).signals.honeypotFilled).toBe(true);
    expect(readCommentForm({ POST_ak_hp_textarea: '' }).signals.honeypotFilled).toBe(false);
  });

  it.each([
    ['1', true],
    ['true', true],
    ['0', false],
    ['false', false],
  ])('reads is_test=%s as a test: %s', (value, test) => {
    expect(readCommentForm({ is_test: value }).test).toBe(test);
  });
});

describe('the documented test triggers', () => {
  it('answers spam for the author viagra-test-123', () => {
    expect(readCommentForm({ comment_author: 'viagra-test-123', comment_content: 'hello' }).trigger).toBe('spam');
  });

  it('answers spam for the email akismet-guaranteed-spam@example.com, in any case', () => {
    expect(readCommentForm({ comment_author_email: 'Akismet-Guaranteed-Spam@example.com' }).trigger).toBe('spam');
  });

  it('answers ham for user_role administrator, also in a comma-separated list of roles', () => {
    expect(readCommentForm({ user_role: 'administrator' }).trigger).toBe('ham');
    expect(readCommentForm({ user_role: 'editor,administrator' }).trigger).toBe('ham');
    expect(readCommentForm({ user_role: 'guest' }).trigger).toBeUndefined();
  });

  it('lets a spam trigger win over the administrator role', () => {
    expect(readCommentForm({ comment_author: 'viagra-test-123', user_role: 'administrator' }).trigger).toBe('spam');
  });
});

describe('the answer to comment-check', () => {
  it('is false for a published comment, true for a held or spam one, true with the discard tip for a discard', () => {
    expect(verdictOf('published')).toBe('ham');
    expect(verdictOf('held')).toBe('spam');
    expect(verdictOf('spam')).toBe('spam');
    expect(verdictOf('discard')).toBe('discard');
  });

  it('is the plain text Akismet sends, with X-akismet-pro-tip only for a discard', () => {
    expect(checkAnswer('ham')).toEqual({ body: 'false', headers: {} });
    expect(checkAnswer('spam')).toEqual({ body: 'true', headers: {} });
    expect(checkAnswer('discard')).toEqual({ body: 'true', headers: { 'x-akismet-pro-tip': 'discard' } });
  });

  it('never carries X-akismet-debug-help on success (it makes @cedx/akismet throw)', () => {
    for (const verdict of ['ham', 'spam', 'discard'] as const) {
      expect(Object.keys(checkAnswer(verdict).headers)).not.toContain('x-akismet-debug-help');
    }
  });

  it('is invalid, explained in X-akismet-debug-help, for a bad key', () => {
    expect(INVALID_KEY.body).toBe('invalid');
    expect(INVALID_KEY.headers['x-akismet-debug-help']).toBeTruthy();
  });

  it("thanks for submissions in Akismet's exact words", () => {
    expect(THANKS).toBe('Thanks for making the web a better place.');
  });
});

describe('usage-limit', () => {
  it('reports the limit, the usage and the percentage with two decimals', () => {
    expect(usageLimit(350_000, 7463)).toEqual({ limit: 350_000, usage: 7463, percentage: '2.13', throttled: false });
  });

  it('reports none as the limit when there is none, as Akismet does for unlimited plans', () => {
    expect(usageLimit(undefined, 12)).toEqual({ limit: 'none', usage: 12, percentage: '0.00', throttled: false });
  });

  it('is not throttled over the limit: calls are still answered', () => {
    expect(usageLimit(10, 25)).toMatchObject({ percentage: '250.00', throttled: false });
  });
});

describe('a form field', () => {
  it('is trimmed, and absent when blank', () => {
    expect(field({ a: '  x ' }, 'a')).toBe('x');
    expect(field({ a: '' }, 'a')).toBeUndefined();
    expect(field({}, 'a')).toBeUndefined();
  });

  it('loses its NUL characters, which no text column can hold', () => {
    expect(field({ a: 'he\0llo' }, 'a')).toBe('hello');
    expect(field({ a: ['x', '\0'] }, 'a')).toBeUndefined();
  });
});
