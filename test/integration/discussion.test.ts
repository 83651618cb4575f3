import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/platform/clock.js';
import { DEMO_DAY, startTestApp, type TestApp } from '../support/app.js';

// Product discussions over HTTP, down to the database: the form's checks, threads and paging,
// the spam pipeline's outcomes, moderation and what it teaches the filter.

let app: TestApp;
const clock = manualClock(DEMO_DAY);
beforeAll(async () => {
  app = await startTestApp({ listen: false, clock, env: { COMMENT_RATE_LIMIT: '1000' } });
});
afterAll(() => app.close());

let address = 0;
/** Each post from its own client address unless told, so the flood signal stays out of the way. */
const post = (slug: string, payload: object, remoteAddress = `10.0.0.${++address}`) =>
  app.inject({ method: 'POST', url: `/api/store/products/${slug}/comments`, payload, headers: {}, remoteAddress });
const thread = async (slug: string, query = '') =>
  (await app.inject({ method: 'GET', url: `/api/store/products/${slug}/comments${query}`, headers: {} })).json();
const queue = async (state = 'held') =>
  (await app.inject({ method: 'GET', url: `/api/admin/comments?state=${state}` })).json().comments as Array<{
    id: string;
    content: string;
    score: number;
    reasons: Array<{ code: string }>;
    state: string;
  }>;
const moderate = (ids: string[], action: string, headers?: Record<string, string>) =>
  app.inject({ method: 'POST', url: '/api/admin/comments/moderation', payload: { ids, action }, headers });
const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await app.platform.database.db.execute(query)) as unknown as { rows: T[] }).rows;

const ham = (content: string, extra: object = {}) => ({
  name: 'Ana',
  email: 'ana@example.com',
  content,
  ...extra,
});
const SPAM = 'Check out my channel http://free.ly/x subscribe for free gift cards!!!';

describe('the comment form', () => {
  it('refuses a comment without a name, naming the field, and stores nothing', async () => {
    const before = await thread('mi-pad');
    const response = await post('mi-pad', { email: 'ana@example.com', content: 'Nice tablet' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([{ field: 'name', message: 'Please enter your name here' }]);
    expect(await thread('mi-pad')).toEqual(before);
  });

  it('names every bad field with a message for the form', async () => {
    const response = await post('mi-pad', {
      name: 'x'.repeat(101),
      email: 'not an address',
      website: 'javascript:alert(1)',
      content: '   ',
    });
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'name',
      'email',
      'website',
      'content',
    ]);
    expect(response.json().errors.at(-1).message).toBe('Please enter your comment');
    const long = await post('mi-pad', ham('y'.repeat(5001)));
    expect(long.json().errors[0]).toMatchObject({ field: 'content' });
    expect((await post('no-such-product', ham('Hello'))).statusCode).toBe(404);
  });

  it('publishes a comment, and never shows the email address to the public', async () => {
    const response = await post(
      'mi-band',
      ham('Does the band work with an iPhone?', { website: 'https://ana.example' }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().comment).toMatchObject({ name: 'Ana', website: 'https://ana.example/', staff: false });
    const page = await app.inject({ method: 'GET', url: '/api/store/products/mi-band/comments', headers: {} });
    expect(page.json().comments.map((c: { content: string }) => c.content)).toContain(
      'Does the band work with an iPhone?',
    );
    expect(page.body).not.toContain('ana@example.com');
    expect(response.body).not.toContain('ana@example.com');
  });

  it('keeps script and markup as text, exactly as typed', async () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))';
    const response = await post('mi-usb-charger-20w', ham(payload));
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json().comment.content).toBe(payload);
  });
});

describe('threads', () => {
  it('nests replies two levels deep and joins deeper answers to the last level', async () => {
    const top = (await post('mi-pad', ham('How long does the battery last?'))).json().comment;
    const reply = (await post('mi-pad', ham('About ten hours of video', { parentId: top.id }))).json().comment;
    const deep = (await post('mi-pad', ham('Same here, ten hours', { parentId: reply.id }))).json().comment;
    const deeper = (await post('mi-pad', ham('Thanks both, that helps', { parentId: deep.id }))).json().comment;
    expect(deeper.parentId).toBe(reply.id);
    const [shown] = (await thread('mi-pad')).comments;
    expect(shown.id).toBe(top.id);
    expect(shown.replies.map((r: { id: string }) => r.id)).toEqual([reply.id]);
    expect(shown.replies[0].replies.map((r: { id: string }) => r.id)).toEqual([deep.id, deeper.id]);
  });

  it('orders newest or oldest first, a page at a time', async () => {
    for (let i = 1; i <= 5; i++) {
      clock.advance(1000);
      await post('mi-power-bank-10000', ham(`Question number ${i} about charging speed`));
    }
    const first = await thread('mi-power-bank-10000', '?limit=2');
    expect(first.comments.map((c: { content: string }) => c.content.at(-21))).toHaveLength(2);
    expect(first.comments[0].content).toContain('number 5');
    const second = await thread('mi-power-bank-10000', `?limit=2&cursor=${first.nextCursor}`);
    expect(second.comments.map((c: { content: string }) => c.content)).toEqual([
      'Question number 3 about charging speed',
      'Question number 2 about charging speed',
    ]);
    const oldest = await thread('mi-power-bank-10000', '?order=oldest&limit=10');
    expect(oldest.comments[0].content).toContain('number 1');
    expect(oldest.nextCursor).toBeNull();
    expect(oldest.total).toBe(5);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/store/products/mi-pad/comments?cursor=nonsense',
      headers: {},
    });
    expect([bad.statusCode, bad.json().errors[0].field]).toEqual([400, 'cursor']);
  });
});

describe('the spam pipeline', () => {
  it('holds what reads like spam, out of sight, with the reasons for the moderator', async () => {
    const response = await post('mi-4', { name: 'Deals', email: 'deals@example.com', content: SPAM });
    expect(response.statusCode).toBe(202);
    expect(response.json().message).toContain('awaiting moderation');
    expect((await thread('mi-4')).comments).toEqual([]);
    const held = [...(await queue('held')), ...(await queue('spam'))].find((c) => c.content === SPAM)!;
    expect(held.score).toBeGreaterThan(0.9);
    expect(held.reasons.map((r) => r.code)).toContain('classifier');
  });

  it('discards a comment that filled the honeypot, answering as if it were held', async () => {
    const response = await post('mi-4', ham('A perfectly normal question about the phone', { address: 'Main St 1' }));
    expect(response.statusCode).toBe(202);
    const stored = await rows<{ n: number }>(
      sql`select count(*)::int as n from comments where content = 'A perfectly normal question about the phone'`,
    );
    expect(stored[0]!.n).toBe(0);
  });

  it('takes a form sent faster than anyone types as spam', async () => {
    const loadedAt = clock.now().getTime() - 1000;
    await post('mi-4', ham('Is the phone dual SIM?', { loadedAt }));
    const [row] = await rows<{ state: string; spam_reasons: Array<{ code: string }> }>(
      sql`select state, spam_reasons from comments where content = 'Is the phone dual SIM?'`,
    );
    expect(row!.state).toBe('spam');
    expect(row!.spam_reasons.map((r) => r.code)).toContain('too-fast');
    // A visitor whose clock runs ahead tells us nothing: the trap does not fire.
    await post('mi-4', ham('Is the phone waterproof?', { loadedAt: clock.now().getTime() + 3_600_000 }));
    expect(
      (await rows<{ state: string }>(sql`select state from comments where content = 'Is the phone waterproof?'`))[0]!
        .state,
    ).toBe('published');
  });

  it('holds the same text posted again, and a flood from one address', async () => {
    const text = 'Where can I find the manual for this charger?';
    expect((await post('mi-usb-charger-65w', ham(text))).statusCode).toBe(201);
    expect((await post('mi-usb-charger-65w', ham(`${text.toUpperCase()}!`))).statusCode).toBe(202);
    const statuses = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (await post('mi-usb-charger-65w', ham(`Question ${i}: does it charge a laptop?`), '10.9.9.9')).statusCode,
      );
    }
    expect(statuses.slice(0, 5).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(202);
    const reasons = (await queue('held')).flatMap((c) => c.reasons.map((r) => r.code));
    expect(reasons).toEqual(expect.arrayContaining(['duplicate', 'flood']));
  });
});

describe('moderation', () => {
  it('approves a held comment, which then shows, and learns from it', async () => {
    const text = 'Grab yours cheap, check my page for the best discount codes on this band';
    expect((await post('mi-band', { name: 'Lee', email: 'lee@example.com', content: text })).statusCode).toBe(202);
    const held = (await queue('held')).find((c) => c.content === text)!;
    const scoreBefore = app.platform.services.spamFilter.assess({ content: text }).score;
    expect((await moderate([held.id], 'approve')).json()).toEqual({ changed: 1 });
    expect((await thread('mi-band')).comments.map((c: { content: string }) => c.content)).toContain(text);
    expect(app.platform.services.spamFilter.assess({ content: text }).score).toBeLessThan(scoreBefore);
    const lessons = await rows<{ spam: boolean; source: string }>(
      sql`select spam, source from spam_lessons where comment_id = ${held.id}`,
    );
    expect(lessons).toEqual([{ spam: false, source: 'moderator' }]);
  });

  it('marks published comments as spam in bulk, and counts what waits', async () => {
    const a = (await post('mi-home-camera', ham('First impressions: the night vision is good'))).json().comment;
    const b = (await post('mi-home-camera', ham('The app asks for too many permissions'))).json().comment;
    expect((await moderate([a.id, b.id], 'spam')).json()).toEqual({ changed: 2 });
    expect((await moderate([a.id, b.id], 'spam')).json()).toEqual({ changed: 0 });
    expect((await thread('mi-home-camera')).comments).toEqual([]);
    const counts = (await app.inject({ method: 'GET', url: '/api/admin/comments/counts' })).json();
    expect(counts.spam).toBeGreaterThanOrEqual(2);
    expect(counts.held).toBeGreaterThanOrEqual(1);
  });

  it('keeps a deleted comment as a placeholder while its replies show, and marks staff replies', async () => {
    const top = (await post('mi-bluetooth-earphones', ham('Do these fit small ears?'))).json().comment;
    const staff = await app.inject({
      method: 'POST',
      url: `/api/admin/comments/${top.id}/replies`,
      payload: { content: 'Yes: three sizes of ear tips come in the box.' },
    });
    expect(staff.statusCode).toBe(201);
    expect(staff.json()).toMatchObject({ staff: true, parentId: top.id });
    await moderate([top.id], 'delete');
    const [shown] = (await thread('mi-bluetooth-earphones')).comments;
    expect(shown).toMatchObject({ removed: 'moderator', content: null, name: null });
    expect(shown.replies[0]).toMatchObject({ staff: true, content: 'Yes: three sizes of ear tips come in the box.' });
  });

  it('is for moderators and admins only', async () => {
    const moderator = await app.tokenFor('moderator');
    expect((await app.inject({ method: 'GET', url: '/api/admin/comments', headers: moderator })).statusCode).toBe(200);
    const merchandiser = await app.tokenFor('merchandiser');
    const refused = await app.inject({ method: 'GET', url: '/api/admin/comments', headers: merchandiser });
    expect(refused.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/admin/comments', headers: {} })).statusCode).toBe(401);
    expect((await moderate([], 'approve')).statusCode).toBe(400);
  });
});

describe('flood control', () => {
  it('answers 429 with Retry-After past the per-address limit', async () => {
    const limited = await startTestApp({ listen: false, seed: true, env: { COMMENT_RATE_LIMIT: '2' } });
    try {
      const send = () =>
        limited.inject({
          method: 'POST',
          url: '/api/store/products/mi-pad/comments',
          payload: ham('One more question about the screen'),
          headers: {},
        });
      await send();
      await send();
      const refused = await send();
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    } finally {
      await limited.close();
    }
  });
});
