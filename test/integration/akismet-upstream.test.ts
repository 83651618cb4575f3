import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

// With AKISMET_API_KEY set, new comments are also checked by Akismet: here a local fake that
// speaks the protocol. Spam there is spam here; when it fails, the built-in filter decides alone;
// moderators' decisions go back to it.

interface Call {
  path: string;
  form: URLSearchParams;
}

let fake: Server;
let calls: Call[] = [];
let answer: { status: number; body: string; headers?: Record<string, string> } = { status: 200, body: 'false' };
let app: TestApp;

beforeAll(async () => {
  fake = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      calls.push({ path: request.url ?? '', form: new URLSearchParams(body) });
      const submission = request.url?.includes('submit-');
      response.writeHead(answer.status, { 'content-type': 'text/plain', ...(submission ? {} : answer.headers) });
      response.end(submission ? 'Thanks for making the web a better place.' : answer.body);
    });
  });
  fake.listen(0, '127.0.0.1');
  await once(fake, 'listening');
  const { port } = fake.address() as AddressInfo;
  app = await startTestApp({
    listen: false,
    env: { AKISMET_API_KEY: 'abcdef123456', AKISMET_URL: `http://127.0.0.1:${port}`, COMMENT_RATE_LIMIT: '1000' },
  });
});
afterAll(async () => {
  await app?.close();
  fake?.close();
});

let n = 0;
const post = (content: string) =>
  app.inject({
    method: 'POST',
    url: '/api/store/products/mi-pad/comments',
    payload: { name: 'Ana', email: 'ana@example.com', content },
    headers: { 'user-agent': 'Firefox/140' },
    remoteAddress: `198.51.100.${++n}`,
  });

describe('Akismet upstream', () => {
  it('sends each new comment to Akismet with the protocol fields, and publishes what both call ham', async () => {
    calls = [];
    answer = { status: 200, body: 'false' };
    expect((await post('How heavy is the tablet with the keyboard?')).statusCode).toBe(201);
    expect(calls).toHaveLength(1);
    const { path, form } = calls[0]!;
    expect(path).toBe('/1.1/comment-check');
    expect(Object.fromEntries(form)).toMatchObject({
      api_key: 'abcdef123456',
      blog: 'http://localhost:3000',
      user_ip: '198.51.100.1',
      user_agent: 'Firefox/140',
      comment_type: 'comment',
      comment_author: 'Ana',
      comment_author_email: 'ana@example.com',
      comment_content: 'How heavy is the tablet with the keyboard?',
      permalink: 'http://localhost:3000/products/mi-pad',
    });
  });

  it('takes spam there as spam here, and drops what Akismet says to discard', async () => {
    answer = { status: 200, body: 'true' };
    expect((await post('Does the tablet charge over USB-C?')).statusCode).toBe(202);
    const { comments } = (await app.inject({ method: 'GET', url: '/api/admin/comments?state=spam' })).json();
    const flagged = comments.find((c: { content: string }) => c.content === 'Does the tablet charge over USB-C?');
    expect(flagged.reasons.map((r: { code: string }) => r.code)).toEqual(['upstream']);

    answer = { status: 200, body: 'true', headers: { 'x-akismet-pro-tip': 'discard' } };
    expect((await post('Is there a stylus for the tablet?')).statusCode).toBe(202);
    const stored = (await app.inject({ method: 'GET', url: '/api/admin/comments?state=spam' })).json().comments;
    expect(stored.some((c: { content: string }) => c.content === 'Is there a stylus for the tablet?')).toBe(false);
  });

  it('decides alone when Akismet fails or answers nonsense', async () => {
    answer = { status: 500, body: 'oops' };
    expect((await post('What resolution is the screen?')).statusCode).toBe(201);
    answer = { status: 200, body: 'invalid', headers: { 'x-akismet-debug-help': 'bad key' } };
    expect((await post('Can it play 4K video?')).statusCode).toBe(201);
  });

  it("passes moderators' decisions back with submit-ham and submit-spam", async () => {
    answer = { status: 200, body: 'true' };
    await post('Will there be an LTE model?');
    const { comments } = (await app.inject({ method: 'GET', url: '/api/admin/comments?state=spam' })).json();
    const id = comments.find((c: { content: string }) => c.content === 'Will there be an LTE model?').id;
    calls = [];
    await app.inject({
      method: 'POST',
      url: '/api/admin/comments/moderation',
      payload: { ids: [id], action: 'approve' },
    });
    await app.inject({ method: 'POST', url: '/api/admin/comments/moderation', payload: { ids: [id], action: 'spam' } });
    expect(calls.map((c) => c.path)).toEqual(['/1.1/submit-ham', '/1.1/submit-spam']);
    expect(calls[0]!.form.get('comment_content')).toBe('Will there be an LTE model?');
  });
});
