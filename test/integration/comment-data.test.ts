import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/platform/clock.js';
import { DEMO_DAY, startTestApp, type TestApp } from '../support/app.js';

// A commenter's own data: export and erasure by a one-time link sent by email, and the retention
// job that removes addresses after 30 days and purges old spam.

let app: TestApp;
const clock = manualClock(DEMO_DAY);
beforeAll(async () => {
  app = await startTestApp({ listen: false, clock, env: { COMMENT_RATE_LIMIT: '1000' } });
});
afterAll(() => app.close());

const store = (url: string, payload: object, remoteAddress?: string) =>
  app.inject({ method: 'POST', url, payload, headers: { 'user-agent': 'Firefox/140' }, remoteAddress });
const comment = (content: string, email = 'mia@example.com', parentId?: string) =>
  store('/api/store/products/mi-pad/comments', { name: 'Mia', email, content, parentId }, '192.0.2.7');
const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await app.platform.database.db.execute(query)) as unknown as { rows: T[] }).rows;
/** The link only ever travels by email: read the last one the outbox holds for the address. */
const linkFor = async (email: string, action: string) => {
  const { messages } = (await app.inject({ method: 'GET', url: '/api/admin/outbox' })).json();
  const message = messages.find(
    (m: { to: string; kind: string }) => m.to === email && m.kind === `comment-data-${action}`,
  );
  return message ? new URL(message.text.match(/https?:\/\/\S+/)![0]) : undefined;
};

describe("a commenter's data", () => {
  it('exports everything stored about their comments, once per link', async () => {
    await comment('The screen is sharp and bright');
    await comment('Battery went from 100 to 60 in a day of reading');
    const asked = await store('/api/store/comment-data/requests', { email: 'MIA@example.com', action: 'export' });
    expect(asked.statusCode).toBe(202);
    const link = (await linkFor('mia@example.com', 'export'))!;
    expect(link.pathname).toBe('/comment-data');
    const token = link.searchParams.get('token')!;
    const exported = await store('/api/store/comment-data/export', { token });
    expect(exported.statusCode).toBe(200);
    expect(exported.json().comments).toHaveLength(2);
    expect(exported.json().comments[0]).toMatchObject({
      product: 'mi-pad',
      name: 'Mia',
      email: 'mia@example.com',
      ipAddress: '192.0.2.7',
      userAgent: 'Firefox/140',
    });
    expect((await store('/api/store/comment-data/export', { token })).statusCode).toBe(404);
    // The link is for export only.
    const wrongUse = await store('/api/store/comment-data/erase', { token });
    expect(wrongUse.statusCode).toBe(404);
  });

  it('answers the same for an address that wrote nothing, and sends it nothing', async () => {
    const asked = await store('/api/store/comment-data/requests', { email: 'nobody@example.com', action: 'erase' });
    expect(asked.statusCode).toBe(202);
    expect(await linkFor('nobody@example.com', 'erase')).toBeUndefined();
  });

  it('erases name, email, text and addresses, keeps the thread readable, and forgets what it taught', async () => {
    const top = (await comment('Is there a keyboard cover for it?', 'sam@example.com')).json().comment;
    await comment('Yes, the official one fits well', 'kim@example.com', top.id);
    const held = await comment('Cheap covers, check my page www.covers-cheap.com', 'sam@example.com');
    expect(held.statusCode).toBe(202);
    const [heldRow] = await rows<{ id: string }>(
      sql`select id from comments where author_email = 'sam@example.com' and state <> 'published'`,
    );
    await app.inject({
      method: 'POST',
      url: '/api/admin/comments/moderation',
      payload: { ids: [heldRow!.id], action: 'approve' },
    });
    expect(await rows(sql`select 1 from spam_lessons where comment_id = ${heldRow!.id}`)).toHaveLength(1);

    await store('/api/store/comment-data/requests', { email: 'sam@example.com', action: 'erase' });
    const token = (await linkFor('sam@example.com', 'erase'))!.searchParams.get('token')!;
    const erased = await store('/api/store/comment-data/erase', { token });
    expect(erased.json()).toEqual({ erased: 2 });

    const thread = (
      await app.inject({ method: 'GET', url: '/api/store/products/mi-pad/comments', headers: {} })
    ).json();
    const shown = thread.comments.find((c: { id: string }) => c.id === top.id);
    expect(shown).toMatchObject({ removed: 'author-request', name: null, content: null });
    expect(shown.replies[0].content).toBe('Yes, the official one fits well');
    const left = await rows<Record<string, unknown>>(
      sql`select author_name, author_email, author_url, content, ip_address, user_agent from comments where id = ${top.id}`,
    );
    expect(left[0]).toEqual({
      author_name: null,
      author_email: null,
      author_url: null,
      content: '',
      ip_address: null,
      user_agent: null,
    });
    expect(await rows(sql`select 1 from spam_lessons where comment_id = ${heldRow!.id}`)).toHaveLength(0);
    expect((await store('/api/store/comment-data/erase', { token })).statusCode).toBe(404);
  });

  it('refuses a link after 24 hours', async () => {
    await comment('Does it support a stylus?', 'lou@example.com');
    await store('/api/store/comment-data/requests', { email: 'lou@example.com', action: 'export' });
    const token = (await linkFor('lou@example.com', 'export'))!.searchParams.get('token')!;
    clock.advance(25 * 3_600_000);
    expect((await store('/api/store/comment-data/export', { token })).statusCode).toBe(404);
  });
});

describe('retention', () => {
  it('removes addresses and user agents after 30 days and purges spam after its retention', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/store/products/mi-band/comments',
      payload: {
        name: 'Old',
        email: 'old@example.com',
        content: 'Subscribe to my channel for free gift cards http://gift.ly/z',
      },
      headers: {},
    });
    await comment('An old but honest question about the pen', 'old@example.com');
    clock.advance(31 * 24 * 3_600_000);
    const posted = await comment('Does the pen need charging?', 'new@example.com');
    const fresh = posted.json().comment;
    const result = await app.platform.services.commentData.applyRetention();
    expect(result.addressesRemoved).toBeGreaterThan(0);
    const old = await rows<{ ip_address: string | null; state: string }>(
      sql`select ip_address, state from comments where author_email = 'old@example.com'`,
    );
    expect(old.every((r) => r.ip_address === null)).toBe(true);
    expect(old.some((r) => r.state === 'spam')).toBe(false);
    const [kept] = await rows<{ ip_address: string }>(sql`select ip_address from comments where id = ${fresh.id}`);
    expect(kept!.ip_address).toBe('192.0.2.7');
  });
});
