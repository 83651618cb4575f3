import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/platform/clock.js';
import { DEMO_DAY, type TestApp } from '../support/app.js';
import { SHOTS, useBrowserApp } from '../support/browser.js';
import { logIn } from './login.js';

// Product discussions in the web app, on the demo scenario: visitors comment and reply on a
// product page, the spam filter holds a doubtful comment until a moderator approves it from the
// admin console, markup typed into the form stays text, and a commenter exports and erases their
// comments through the emailed one-time links.
//
// The server's time trap refuses a form sent less than 3 s after it was shown (loadedAt, from the
// browser's clock). The app's clock stands still, so the browser's is set to it when a page opens
// and the app's moves on a minute before each comment is sent: a visitor who took a minute to write.

const MINUTE = 60_000;
const clock = manualClock(DEMO_DAY);

describe('product discussions in the web app', () => {
  // A test posts more than the 5 comments a minute one address may send (the tests share 127.0.0.1).
  const h = useBrowserApp({ clock, env: { COMMENT_RATE_LIMIT: '100' } });
  let app: TestApp;
  let page: Page;
  beforeEach(async () => {
    ({ app, page } = h);
    // Each test starts long after the last one's comments, out of the filter's flood window (10 min per address).
    clock.advance(60 * MINUTE);
    await page.clock.install({ time: clock.now() });
  });

  async function screenshot(name: string): Promise<void> {
    await page.mouse.move(0, 0);
    await page.evaluate('document.activeElement?.blur(); window.scrollTo(0, 0)');
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  /** As staff (the app's admin token) unless headers are given: {} is a visitor. */
  async function call(method: 'GET' | 'POST', url: string, payload?: object, headers?: Record<string, string>) {
    const response = await app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      ...(headers ? { headers } : {}),
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  }

  const thread = (slug: string) => call('GET', `/api/store/products/${slug}/comments?order=oldest`, undefined, {});

  async function openProduct(slug: string, market = 'us'): Promise<Locator> {
    await page.goto(`${app.url}/${market}/products/${slug}`);
    const discussion = page.getByRole('region', { name: 'Discussion' });
    await discussion.getByText(/^\d+ comments?$/).waitFor();
    return discussion;
  }

  async function fill(form: Locator, fields: { name?: string; email?: string; website?: string; comment: string }) {
    await form.getByLabel('Name').fill(fields.name ?? '');
    await form.getByLabel('Email').fill(fields.email ?? '');
    await form.getByLabel('Website').fill(fields.website ?? '');
    await form.getByLabel('Comment').fill(fields.comment);
  }

  /** Sends the form a minute (of the app's time) after it was shown, as a person typing would. */
  async function send(form: Locator, button = 'Post comment'): Promise<void> {
    clock.advance(MINUTE);
    await form.getByRole('button', { name: button }).click();
  }

  /** The form field wrapped around a control: its inline error sits beside the control. */
  const fieldOf = (form: Locator, label: string) => form.locator('.field').filter({ has: page.getByLabel(label) });

  /** The path and query of the newest comment-data link emailed to the address (read from the outbox). */
  async function emailedLink(to: string, action: 'export' | 'erase'): Promise<string> {
    const { messages } = await call('GET', '/api/admin/outbox');
    const email = messages.find(
      (m: { kind: string; to: string }) => m.kind === `comment-data-${action}` && m.to === to,
    );
    const link = /\/comment-data\?action=\w+&token=[\w-]+/.exec(email?.text ?? '')?.[0];
    expect(link, `no ${action} link emailed to ${to}`).toBeDefined();
    return link!;
  }

  it('publishes a visitor’s comment and reply, and refuses a comment without a name, saying so at the field', async () => {
    // The demo's band has a thread already: two comments, one answered by staff and by another visitor.
    const discussion = await openProduct('mi-band');
    await discussion.getByText('4 comments', { exact: true }).waitFor();
    await discussion.getByRole('article', { name: 'Comment by marketgate support' }).getByText('Staff').waitFor();
    const form = discussion.getByRole('form', { name: 'Leave a comment' });
    await form.getByText('This site uses a spam filter.').waitFor();

    await fill(form, { email: 'ana@example.com', comment: 'Does it last a week?' });
    await send(form);
    const name = form.getByLabel('Name');
    await fieldOf(form, 'Name').getByText('Please enter your name here').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect((await thread('mi-band')).total).toBe(4);

    await fill(form, {
      name: 'Ana Lima',
      email: 'ana@example.com',
      website: 'https://ana.example',
      comment: 'Does the band keep its charge for a week?\nMine lasts six days.',
    });
    await form.getByText('62 of 5,000 characters').waitFor();
    await send(form);
    await form.getByRole('status').getByText('Thank you. Your comment is published.').waitFor();
    const comment = discussion.getByRole('article', { name: 'Comment by Ana Lima' });
    await comment.getByText('Mine lasts six days.').waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point: its line break must show.
    expect(await comment.locator('.comment__text').innerText()).toBe(
      'Does the band keep its charge for a week?\nMine lasts six days.',
    );
    const author = comment.getByRole('link', { name: 'Ana Lima' });
    expect(await author.getAttribute('href')).toBe('https://ana.example/');
    expect(await author.getAttribute('rel')).toBe('nofollow ugc noopener');
    await discussion.getByText('5 comments', { exact: true }).waitFor();
    expect(await discussion.getByText('ana@example.com').count()).toBe(0);
    // Newest first: the new comment leads the thread.
    await discussion.getByRole('article').first().getByText('Ana Lima').waitFor();

    await comment.getByRole('button', { name: 'Reply to Ana Lima' }).click();
    const reply = discussion.getByRole('form', { name: 'Reply to Ana Lima' });
    await fill(reply, { name: 'Bo', email: 'bo@example.com', comment: 'Seven days here, with the screen dimmed.' });
    await send(reply, 'Post reply');
    // The reply is nested under the comment it answers.
    const answered = discussion
      .getByRole('listitem')
      .filter({ has: page.getByRole('article', { name: 'Comment by Ana Lima' }) });
    await answered.getByRole('status').getByText('Thank you. Your comment is published.').waitFor();
    await answered.getByRole('article', { name: 'Comment by Bo' }).getByText('Seven days here').waitFor();
    await discussion.getByText('6 comments', { exact: true }).waitFor();
    const stored = await thread('mi-band');
    expect(stored.comments.at(-1)).toMatchObject({
      name: 'Ana Lima',
      replies: [{ name: 'Bo', content: 'Seven days here, with the screen dimmed.' }],
    });
    // Only the form that posted last says so: the reply's answer replaced the comment's.
    expect(await form.getByRole('status').count()).toBe(0);
    await screenshot('discussion-product-page');

    // The thread in another order is drawn anew: no reply form comes back, and no old answer.
    await discussion.getByRole('button', { name: 'Oldest first' }).click();
    await expect
      .poll(() => discussion.getByRole('article').first().getAttribute('aria-label'))
      .not.toBe('Comment by Ana Lima');
    await answered.getByRole('article', { name: 'Comment by Bo' }).waitFor();
    expect(await discussion.getByRole('form', { name: 'Reply to Ana Lima' }).count()).toBe(0);
    expect(await discussion.getByRole('status').count()).toBe(0);
    expect(await comment.getByRole('button', { name: 'Reply to Ana Lima' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
  });

  it('holds a doubtful comment for a moderator, who approves it by keyboard and replies as staff', async () => {
    const slug = 'mi-power-bank-10000';
    // The demo leaves comments waiting for moderators already; this test adds one to each queue.
    const before: { held: number; spam: number } = await call('GET', '/api/admin/comments/counts');
    const discussion = await openProduct(slug);
    const form = discussion.getByRole('form', { name: 'Leave a comment' });
    await fill(form, { name: 'Gift Guy', email: 'gifts@example.com', comment: 'Free gift cards for this phone' });
    await send(form);
    await form.getByRole('status').getByText('Thank you. Your comment is awaiting moderation.').waitFor();
    // Blatant spam gets the same answer, so a spammer learns nothing from it.
    await fill(form, {
      name: 'Chan',
      email: 'chan@example.com',
      comment: 'Check out my channel http://free.ly/x subscribe for free gift cards!!!',
    });
    await send(form);
    await form.getByRole('status').getByText('Thank you. Your comment is awaiting moderation.').waitFor();
    await page.reload();
    await discussion.getByText('No comments yet.').waitFor();
    expect(await call('GET', '/api/admin/comments/counts')).toEqual({ held: before.held + 1, spam: before.spam + 1 });
    expect(await discussion.getByText('Free gift cards').count()).toBe(0);
    expect((await thread(slug)).total).toBe(0);

    const { password } = await call('POST', '/api/admin/users', {
      email: 'mo@example.com',
      name: 'Mo Moderator',
      role: 'moderator',
    });
    await logIn(page, app.url, { email: 'mo@example.com', password });
    // The overview speaks of what a moderator sees: the catalog, not the markets.
    await page.getByText('The catalog, and the sections your role can open.', { exact: true }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Admin' });
    // The held count waits beside the section's name; API keys are for admins only.
    await nav.getByRole('link', { name: `Comments ${before.held + 1} held` }).click();
    expect(await nav.getByRole('link', { name: 'Spam API keys' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Comments', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    const tabs = page.getByRole('navigation', { name: 'Comment queues' });
    expect(await tabs.getByRole('link', { name: `Held ${before.held + 1}` }).getAttribute('aria-current')).toBe('page');

    const held = page.getByRole('row', { name: 'Comment by Gift Guy' });
    await held.getByText('Free gift cards for this phone').waitFor();
    await held.getByText('gifts@example.com').waitFor();
    await held.getByText(/^Reads like spam \(score 0\.\d\d; words such as/).waitFor();
    await held.getByText(/^0\.\d\d$/).waitFor();
    await held.getByText('On Mi Power Bank 10000').waitFor();
    await screenshot('discussion-moderation-queue');

    // j takes the first row, a approves it.
    await page.keyboard.press('j');
    expect(await held.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('a');
    await page.getByRole('status').getByText('1 comment approved.').waitFor();
    await held.waitFor({ state: 'detached' });
    await tabs.getByRole('link', { name: `Held ${before.held}` }).waitFor();
    await nav
      .getByRole('link', { name: before.held > 0 ? `Comments ${before.held} held` : 'Comments', exact: true })
      .waitFor();

    // Blatant spam went to its own queue, with the filter's reasons.
    await tabs.getByRole('link', { name: `Spam ${before.spam + 1}` }).click();
    const spam = page.getByRole('row', { name: 'Comment by Chan' });
    await spam.getByText(/^Reads like spam \(score 1\.00/).waitFor();
    // x selects the current row; the bulk buttons act on the selection.
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    expect(await spam.getByRole('checkbox').isChecked()).toBe(true);
    await page.getByText('1 selected').waitFor();
    await page
      .getByRole('toolbar', { name: 'Selected comments' })
      .getByRole('button', { name: 'Delete selected' })
      .click();
    await page.getByRole('status').getByText('1 comment deleted.').waitFor();
    await tabs.getByRole('link', { name: 'Deleted' }).click();
    await page.getByRole('row', { name: 'Comment by Chan' }).waitFor();

    // j takes the newest published comment, r opens the reply; typing a, s or d there is text, not a decision.
    await tabs.getByRole('link', { name: 'Published' }).click();
    const published = page.getByRole('row', { name: 'Comment by Gift Guy' });
    await published.waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('r');
    const reply = page.getByRole('form', { name: 'Reply to Gift Guy' });
    await reply.getByLabel('Reply as staff').pressSequentially('Gift cards come only with orders from this shop.');
    await reply.getByRole('button', { name: 'Publish reply' }).click();
    await reply.getByText('Your reply is published').waitFor();
    await published.waitFor();
    expect(await page.locator('.queue-bulk__outcome').textContent()).toBe('');

    await openProduct(slug);
    const approved = discussion.getByRole('article', { name: 'Comment by Gift Guy' });
    await approved.getByText('Free gift cards for this phone').waitFor();
    const staff = discussion.getByRole('article', { name: 'Comment by Mo Moderator' });
    await staff.getByText('Staff', { exact: true }).waitFor();
    await staff.getByText('Gift cards come only with orders from this shop.').waitFor();
    await discussion.getByText('2 comments', { exact: true }).waitFor();
    expect(await discussion.getByText('Check out my channel').count()).toBe(0);
  });

  /** The usual injection attempts (OWASP's cheat sheet kinds): each must show as its own text. */
  const MORE_PAYLOADS = [
    '"><script>window.__xss=1</script>',
    '<svg/onload=window.__xss=1>',
    '<iframe src="javascript:window.__xss=1"></iframe>',
    '<a href="javascript:window.__xss=1">click me</a>',
    '[click me](javascript:window.__xss=1)',
    '<details open ontoggle=window.__xss=1>',
    '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
    "{{constructor.constructor('window.__xss=1')()}}",
    '<body onload=window.__xss=1>',
    "';window.__xss=1;//",
  ];
  const WEBSITE_PAYLOAD = 'https://example.com/"onmouseover="window.__xss=1';

  it('shows markup typed into the form as text, and refuses a javascript: website at its field', async () => {
    const slug = 'mi-bluetooth-earphones';
    const discussion = await openProduct(slug);
    const form = discussion.getByRole('form', { name: 'Leave a comment' });
    const payloads = ['<script>window.__xss=1</script>', '<img src=x onerror="window.__xss=1">'];
    for (const payload of payloads) {
      await fill(form, { name: '<b>Mallory</b>', email: 'mallory@example.com', comment: payload });
      await send(form);
      await discussion.getByText(payload, { exact: true }).waitFor();
    }
    await fill(form, {
      name: 'Mallory',
      email: 'mallory@example.com',
      website: 'javascript:alert(1)',
      comment: 'Nice earphones',
    });
    await send(form);
    await fieldOf(form, 'Website').getByText('Please enter a web address starting with http:// or https://').waitFor();
    expect(await form.getByLabel('Website').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

    // More of the usual payloads, through the API; the filter holds some, so a moderator lets them all through.
    for (const content of MORE_PAYLOADS) {
      await call(
        'POST',
        `/api/store/products/${slug}/comments`,
        { name: '"><svg onload=window.__xss=1>', email: 'mallory@example.com', website: WEBSITE_PAYLOAD, content },
        {},
      );
    }
    const waiting = [
      ...(await call('GET', '/api/admin/comments?state=held')).comments,
      ...(await call('GET', '/api/admin/comments?state=spam')).comments,
    ].filter((c: { content: string }) => MORE_PAYLOADS.includes(c.content));
    if (waiting.length > 0) {
      await call('POST', '/api/admin/comments/moderation', {
        ids: waiting.map((c: { id: string }) => c.id),
        action: 'approve',
      });
    }

    await page.reload();
    for (const payload of [...payloads, ...MORE_PAYLOADS]) {
      await discussion.getByText(payload, { exact: true }).waitFor();
    }
    const comments = discussion.getByRole('list', { name: 'Comments' });
    expect(await comments.getByText('<b>Mallory</b>', { exact: true }).count()).toBe(2);
    expect(await comments.locator('img, script, b, svg, iframe, details, math, style, body').count()).toBe(0);
    expect(await comments.locator('a[href^="javascript:" i], [onload], [onerror], [ontoggle]').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await discussion.getByText('Nice earphones').count()).toBe(0);
    expect((await thread(slug)).total).toBe(2 + MORE_PAYLOADS.length);
  });

  it('leads from the form to how comment data is processed, and exports and erases it by the emailed links', async () => {
    const slug = 'mi-bunny-plush';
    const discussion = await openProduct(slug);
    const form = discussion.getByRole('form', { name: 'Leave a comment' });
    await fill(form, { name: 'Cleo', email: 'cleo@example.com', comment: 'My niece loves it.' });
    await send(form);
    await discussion.getByRole('article', { name: 'Comment by Cleo' }).waitFor();

    await form.getByRole('link', { name: 'Learn how your comment data is processed.' }).click();
    await page.waitForURL(`${app.url}/privacy/comments`);
    await page.getByRole('heading', { name: 'How your comment data is processed', level: 1 }).waitFor();
    for (const heading of ['What is stored', 'Why', 'For how long', 'Who sees what', 'Export or erase your comments']) {
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    }
    await page.getByText('removed 30 days after you posted').waitFor();
    await page.getByText(/also sent to Akismet, a service of Automattic/).waitFor();
    await screenshot('discussion-privacy');

    const ask = page.getByRole('form', { name: 'Export or erase your comments' });
    await ask.getByLabel('Email address you commented with').fill('cleo@example.com');
    await ask.getByRole('button', { name: 'Email me a link to export' }).click();
    await ask.getByRole('status').getByText('If comments were written with cleo@example.com').waitFor();

    // The link asks before it acts (mail scanners open links), and works once.
    const exportLink = `${app.url}${await emailedLink('cleo@example.com', 'export')}`;
    await page.goto(exportLink);
    await page.getByRole('heading', { name: 'Export your comments' }).waitFor();
    await page.getByRole('button', { name: 'Export my comments' }).click();
    await page.getByRole('status').getByText('1 comment written with cleo@example.com.').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the file (JSON)' }).click(),
    ]);
    await screenshot('discussion-export');
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(exported).toMatchObject({
      email: 'cleo@example.com',
      comments: [{ product: slug, name: 'Cleo', email: 'cleo@example.com', content: 'My niece loves it.' }],
    });
    await page.goto(exportLink);
    await page.getByRole('button', { name: 'Export my comments' }).click();
    await page.getByRole('alert').getByText('This link does not work any more').waitFor();

    await page.goto(`${app.url}/privacy/comments`);
    await ask.getByLabel('Email address you commented with').fill('cleo@example.com');
    await ask.getByRole('button', { name: 'Email me a link to erase' }).click();
    await ask.getByRole('status').waitFor();
    await page.goto(`${app.url}${await emailedLink('cleo@example.com', 'erase')}`);
    await page.getByRole('button', { name: 'Erase my comments' }).click();
    await page.getByRole('button', { name: 'Erase them' }).click();
    await page.getByRole('status').getByText('1 comment erased.').waitFor();

    await openProduct(slug);
    await discussion.getByText('Comment removed at the author’s request.').waitFor();
    expect(await discussion.getByText('My niece loves it.').count()).toBe(0);
  });

  it('pages the thread twenty comments at a time, newest or oldest first', async () => {
    const slug = 'mi-usb-charger-20w';
    for (let n = 1; n <= 21; n++) {
      // Out of the flood window each time: 21 comments from one address in ten minutes would be held.
      clock.advance(11 * MINUTE);
      await call(
        'POST',
        `/api/store/products/${slug}/comments`,
        {
          name: `Listener ${n}`,
          email: `listener${n}@example.com`,
          content: `Sound check number ${n}, all good.`,
        },
        {},
      );
    }
    const discussion = await openProduct(slug, 'eu');
    await discussion.getByText('21 comments', { exact: true }).waitFor();
    const articles = discussion.getByRole('article');
    await articles.first().getByText('Sound check number 21,').waitFor();
    expect(await articles.count()).toBe(20);
    await discussion.getByRole('button', { name: 'Load more comments' }).click();
    await discussion.getByText('Sound check number 1,').waitFor();
    expect(await articles.count()).toBe(21);
    expect(await discussion.getByRole('button', { name: 'Load more comments' }).count()).toBe(0);

    await discussion.getByRole('button', { name: 'Oldest first' }).click();
    await articles.first().getByText('Sound check number 1,').waitFor();
    expect(await discussion.getByRole('button', { name: 'Oldest first' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('lets an admin issue a key for another site, see its use, and revoke it', async () => {
    await logIn(page, app.url, app.initialAdmin, '/admin/spam-keys');
    await page.getByRole('heading', { name: 'Spam API keys', level: 1 }).waitFor();
    const create = page.getByRole('form', { name: 'Create a spam API key' });
    await create.getByLabel('Site address').fill('https://blog.example.com');
    await create.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByRole('textbox', { name: 'Key for https://blog.example.com' });
    await secret.waitFor();
    const key = await secret.inputValue();
    expect(key).toMatch(/^[0-9a-f]{12}$/);
    await screenshot('spam-keys');

    const check = await app.inject({
      method: 'POST',
      url: '/1.1/comment-check',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: key,
        blog: 'https://blog.example.com',
        user_ip: '203.0.113.9',
        comment_content: 'Please subscribe to my channel',
      }).toString(),
    });
    expect(check.body).toBe('true');

    await page.reload();
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'https://blog.example.com' }) });
    await row.getByText('Active').waitFor();
    await row.getByText(`${key.slice(0, 4)}…`).waitFor();
    // This month: one call, answered spam; nothing reported back; one call in all.
    expect((await row.getByRole('cell').allInnerTexts()).slice(0, 6)).toEqual(['1', '1', '0', '0', '0', '1']);
    expect(await page.getByText(key).count()).toBe(0);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked').waitFor();
  });
});
