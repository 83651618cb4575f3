import type { FieldIssue } from '../../platform/errors.js';

// Pure: what a visitor typed into the comment form, checked field by field with the messages a
// comment form shows ("Please enter your name here"), so the page can put each under its field.

export const LIMITS = { name: 100, email: 254, website: 200, content: 5000 };

export interface CommentInput {
  name: string;
  email: string;
  website: string | undefined;
  content: string;
}

// The same practical address check as the rest of the API (one @, a dot in the domain, no spaces).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : undefined);

/** The website as typed, when it is an http(s) URL; anything else (javascript:, data:) is refused. */
function website(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function checkComment(raw: {
  name?: unknown;
  email?: unknown;
  website?: unknown;
  content?: unknown;
}): { input: CommentInput; issues: [] } | { input: undefined; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const name = text(raw.name);
  if (!name) issues.push({ field: 'name', message: 'Please enter your name here' });
  else if (name.length > LIMITS.name) {
    issues.push({ field: 'name', message: `Please keep your name to ${LIMITS.name} characters` });
  }
  const email = text(raw.email);
  if (!email) issues.push({ field: 'email', message: 'Please enter your email address here' });
  else if (email.length > LIMITS.email || !EMAIL.test(email)) {
    issues.push({ field: 'email', message: 'Please enter a valid email address, like name@example.com' });
  }
  const typed = text(raw.website) || undefined;
  const url = typed === undefined ? undefined : website(typed);
  if (typed !== undefined && (!url || typed.length > LIMITS.website)) {
    issues.push({ field: 'website', message: 'Please enter a web address starting with http:// or https://' });
  }
  const content = typeof raw.content === 'string' ? raw.content.replace(/\r\n?/g, '\n').trim() : undefined;
  if (!content) issues.push({ field: 'content', message: 'Please enter your comment' });
  else if (content.length > LIMITS.content) {
    issues.push({
      field: 'content',
      message: `Please keep your comment to ${LIMITS.content.toLocaleString('en')} characters (it has ${content.length.toLocaleString('en')})`,
    });
  }
  if (issues.length > 0) return { input: undefined, issues };
  return { input: { name: name!, email: email!, website: url, content: content! }, issues: [] };
}

/** The text as compared for duplicates: case, spacing and punctuation do not make it new. */
export function normalisedForDuplicates(content: string): string {
  return content
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
