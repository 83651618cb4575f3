import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AkismetClient, AkismetUnavailableError } from './client.js';

// The client against a fake Akismet: a local server that answers as the docs say Akismet does,
// or as Akismet does when things go wrong, and records what it was sent.

interface Seen {
  url: string;
  headers: http.IncomingHttpHeaders;
  form: URLSearchParams;
}

type Answer = { status?: number; body: string; headers?: Record<string, string> } | 'hang';

let server: http.Server;
let baseUrl: string;
let seen: Seen[] = [];
let answer: (seen: Seen) => Answer;

beforeAll(async () => {
  server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const hit = {
      url: request.url ?? '',
      headers: request.headers,
      form: new URLSearchParams(Buffer.concat(chunks).toString()),
    };
    seen.push(hit);
    const reply = answer(hit);
    if (reply === 'hang') return; // never answers
    response.writeHead(reply.status ?? 200, { 'content-type': 'text/plain; charset=utf-8', ...reply.headers });
    response.end(reply.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

beforeEach(() => {
  seen = [];
  answer = () => ({ body: 'false' });
});

const client = (options: { key?: string; timeoutMs?: number; baseUrl?: string } = {}) =>
  new AkismetClient({ key: 'k3y', blog: 'https://shop.example.com', version: '1.2.3', baseUrl, ...options });

const comment = {
  user_ip: '203.0.113.9',
  user_agent: 'Mozilla/5.0',
  comment_type: 'comment',
  comment_author: 'Ana',
  comment_content: 'Does it charge a laptop?',
};

async function failure(promise: Promise<unknown>): Promise<AkismetUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AkismetUnavailableError);
  return error as AkismetUnavailableError;
}

describe('what the client sends', () => {
  it('posts a form to /1.1/<method> with api_key, blog and the comment fields, and says who it is', async () => {
    await client().checkComment({ ...comment, is_test: true, comment_context: ['power banks', 'travel'] });
    const [hit] = seen;
    expect(hit!.url).toBe('/1.1/comment-check');
    expect(hit!.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(hit!.headers['user-agent']).toBe('marketgate/1.2.3 | akismet-client');
    expect(Object.fromEntries(hit!.form)).toEqual({
      ...comment,
      api_key: 'k3y',
      blog: 'https://shop.example.com',
      is_test: '1',
      'comment_context[0]': 'power banks',
      'comment_context[1]': 'travel',
    });
  });

  it('sends a honeypot as honeypot_field_name plus the field itself', async () => {
    await client().checkComment({ ...comment, honeypot: { name: 'website2', value: 'http://bot.example' } });
    expect(seen[0]!.form.get('honeypot_field_name')).toBe('website2');
    expect(seen[0]!.form.get('website2')).toBe('http://bot.example');
  });

  it('leaves out the fields it was not given', async () => {
    await client().checkComment({ user_ip: '203.0.113.9' });
    expect([...seen[0]!.form.keys()].sort()).toEqual(['api_key', 'blog', 'user_ip']);
  });
});

describe('the answers it understands', () => {
  it('verifies a key: valid is true, invalid is false', async () => {
    answer = () => ({ body: 'valid' });
    expect(await client().verifyKey()).toBe(true);
    expect(seen[0]!.url).toBe('/1.1/verify-key');
    answer = () => ({ body: 'invalid', headers: { 'x-akismet-debug-help': 'We were unable to parse your key.' } });
    expect(await client().verifyKey()).toBe(false);
  });

  it('reads false as ham, true as spam, and true with X-akismet-pro-tip: discard as discard', async () => {
    answer = () => ({ body: 'false' });
    expect(await client().checkComment(comment)).toBe('ham');
    answer = () => ({ body: 'true' });
    expect(await client().checkComment(comment)).toBe('spam');
    answer = () => ({ body: 'true', headers: { 'x-akismet-pro-tip': 'discard' } });
    expect(await client().checkComment(comment)).toBe('discard');
  });

  it('submits spam and ham to their endpoints and accepts the thank-you', async () => {
    answer = () => ({ body: 'Thanks for making the web a better place.' });
    await client().submitSpam(comment);
    await client().submitHam(comment);
    expect(seen.map((s) => s.url)).toEqual(['/1.1/submit-spam', '/1.1/submit-ham']);
  });
});

describe('when Akismet cannot be relied on', () => {
  it('throws for an invalid key on comment-check, with the debug help', async () => {
    answer = () => ({ body: 'invalid', headers: { 'x-akismet-debug-help': 'Empty "api_key" value' } });
    const error = await failure(client().checkComment(comment));
    expect(error.reason).toBe('the API key is invalid (Empty "api_key" value)');
  });

  it('throws for an error body, with the reason from X-akismet-debug-help', async () => {
    answer = () => ({
      body: 'Missing required field: user_ip.',
      headers: { 'x-akismet-debug-help': 'Missing required field: user_ip.' },
    });
    const error = await failure(client().checkComment(comment));
    expect(error.reason).toBe(
      'unexpected answer "Missing required field: user_ip." (Missing required field: user_ip.)',
    );
    expect(error.message).toBe(`Akismet is unavailable: ${error.reason}`);
  });

  it('throws for a submission answered with anything but the thank-you', async () => {
    answer = () => ({ body: 'invalid' });
    expect((await failure(client().submitSpam(comment))).reason).toBe('the API key is invalid');
    answer = () => ({ body: 'OK' });
    expect((await failure(client().submitHam(comment))).reason).toBe('unexpected answer "OK"');
  });

  it('throws for a verify-key answer that is neither valid nor invalid', async () => {
    answer = () => ({ body: '<html>maintenance</html>' });
    expect((await failure(client().verifyKey())).reason).toBe('unexpected answer "<html>maintenance</html>"');
  });

  it('throws for an HTTP error', async () => {
    answer = () => ({ status: 503, body: 'Service Unavailable' });
    expect((await failure(client().checkComment(comment))).reason).toBe('comment-check answered HTTP 503');
  });

  it('throws when no answer comes in time', async () => {
    answer = () => 'hang';
    const started = performance.now();
    const error = await failure(client({ timeoutMs: 150 }).checkComment(comment));
    expect(error.reason).toBe('no answer within 150 ms');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('throws when the server cannot be reached, naming why', async () => {
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, 'close');
    const error = await failure(client({ baseUrl: `http://127.0.0.1:${port}` }).checkComment(comment));
    expect(error.reason).toBe('ECONNREFUSED');
  });
});
