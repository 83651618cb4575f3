import { describe, expect, it } from 'vitest';
import { checkComment, normalisedForDuplicates } from './comment-input.js';

describe('the comment form check', () => {
  it('asks for each missing field in words a visitor reads', () => {
    expect(checkComment({}).issues).toEqual([
      { field: 'name', message: 'Please enter your name here' },
      { field: 'email', message: 'Please enter your email address here' },
      { field: 'content', message: 'Please enter your comment' },
    ]);
  });

  it('counts a name or comment of spaces as missing, and trims what it keeps', () => {
    const checked = checkComment({ name: '  Ana ', email: ' ana@example.com ', content: '\r\n Hi\r\nthere \n' });
    expect(checked.input).toEqual({ name: 'Ana', email: 'ana@example.com', website: undefined, content: 'Hi\nthere' });
    expect(checkComment({ name: '   ', email: 'a@b.co', content: 'x' }).issues[0]!.field).toBe('name');
  });

  it('takes only http and https websites', () => {
    const base = { name: 'A', email: 'a@b.co', content: 'x' };
    expect(checkComment({ ...base, website: 'https://ana.example/blog' }).input?.website).toBe(
      'https://ana.example/blog',
    );
    for (const website of ['javascript:alert(1)', 'data:text/html,<script>', 'ftp://x.example', 'ana.example']) {
      expect(checkComment({ ...base, website }).issues.map((i) => i.field)).toEqual(['website']);
    }
    expect(checkComment({ ...base, website: '' }).input?.website).toBeUndefined();
  });

  it('holds the limits: name 100, comment 5,000 characters', () => {
    const base = { name: 'A', email: 'a@b.co', content: 'x' };
    expect(checkComment({ ...base, name: 'n'.repeat(100) }).issues).toEqual([]);
    expect(checkComment({ ...base, name: 'n'.repeat(101) }).issues[0]!.field).toBe('name');
    expect(checkComment({ ...base, content: 'c'.repeat(5000) }).issues).toEqual([]);
    expect(checkComment({ ...base, content: 'c'.repeat(5001) }).issues[0]!.message).toContain('5,000');
  });

  it('refuses addresses without a domain', () => {
    expect(checkComment({ name: 'A', email: 'ana@localhost', content: 'x' }).issues[0]!.field).toBe('email');
  });

  it('compares texts for duplicates without case, spacing or punctuation', () => {
    expect(normalisedForDuplicates('Buy NOW!!!  at   my site')).toBe(normalisedForDuplicates('buy now at my site'));
  });
});
