import { describe, expect, it } from 'vitest';
import { assess, THRESHOLDS } from './assess.js';
import type { SpamModel } from './model.js';

// A tiny hand-made model: "channel" and "subscribe" are spam words, "battery" a ham word.
const model: SpamModel = {
  bias: -1,
  weights: new Map([
    ['w:channel', 6],
    ['w:subscribe', 6],
    ['w:battery', -4],
  ]),
};
const codes = (a: { reasons: { code: string }[] }) => a.reasons.map((r) => r.code);

describe('the spam pipeline decision', () => {
  it('publishes what reads like a real comment, with no reasons', () => {
    const a = assess(model, { content: 'How long does the battery last?' });
    expect(a.outcome).toBe('published');
    expect(a.reasons).toEqual([]);
  });

  it('takes a high score as spam and names the words behind it', () => {
    const a = assess(model, { content: 'subscribe to my channel' });
    expect(a.score).toBeGreaterThan(THRESHOLDS.spam);
    expect(a.outcome).toBe('spam');
    expect(a.reasons[0]!.detail).toMatch(/"(channel|subscribe)"/);
  });

  it('discards a filled honeypot whatever the text', () => {
    expect(assess(model, { content: 'battery question' }, { honeypotFilled: true }).outcome).toBe('discard');
  });

  it('takes a form sent in under three seconds as spam, and as discard when the text is spammy too', () => {
    expect(assess(model, { content: 'battery' }, { secondsToSubmit: 1 }).outcome).toBe('spam');
    expect(assess(model, { content: 'battery' }, { secondsToSubmit: 30 }).outcome).toBe('published');
    expect(assess(model, { content: 'subscribe channel' }, { secondsToSubmit: 1 }).outcome).toBe('discard');
  });

  it('holds duplicates, many links and floods, saying why', () => {
    expect(codes(assess(model, { content: 'battery' }, { duplicates: 2 }))).toEqual(['duplicate']);
    const links = assess(model, { content: 'battery http://a.example http://b.example www.c.example' });
    expect([links.outcome, codes(links)]).toEqual(['held', ['links']]);
    const flood = assess(model, { content: 'battery' }, { recentFromAddress: THRESHOLDS.maximumRecent });
    expect([flood.outcome, codes(flood)]).toEqual(['held', ['flood']]);
  });

  it('never lowers an outcome: a signal on spam keeps it spam', () => {
    expect(assess(model, { content: 'subscribe channel' }, { recentFromAddress: 10 }).outcome).toBe('spam');
  });

  it("notes the author's website only when the text is suspect already", () => {
    expect(codes(assess(model, { content: 'battery', url: 'https://a.example' }))).toEqual([]);
    expect(codes(assess(model, { content: 'subscribe channel', url: 'https://a.example' }))).toContain('author-url');
  });
});
