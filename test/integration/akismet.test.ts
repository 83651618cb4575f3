import dns from 'node:dns';
import { createRequire } from 'node:module';
import { Author, Blog, Client as CedxClient, CheckResult, Comment } from '@cedx/akismet';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addKeyCommands } from '../../src/cli/spam-keys.js';
import { AkismetClient as OurClient, SpamKeys } from '../../src/modules/discussion/akismet/index.js';
import { startTestApp, type TestApp } from '../support/app.js';

// The Akismet-compatible API as other sites use it: the two Akismet clients from the npm
// registry pointed at the running server, the protocol's corners over raw HTTP, and the admin
// API and CLI that issue, count and revoke the keys.

const SPAM = 'Please subscribe to my channel, I make music videos, check it out: http://bit.ly/xyz';
const HAM = 'I bought this last month and the battery still holds well after many charges.';
const BLOG = 'https://blog.example.com';
const THANKS = 'Thanks for making the web a better place.';
const MONTH = '2026-11'; // startTestApp's clock stands on 2026-11-24

/** akismet-api is CommonJS without types: the part of it these tests use. */
interface AkismetApiClient {
  verifyKey(): Promise<boolean>;
  checkSpam(comment: Record<string, unknown>): Promise<boolean>;
  submitSpam(comment: Record<string, unknown>): Promise<{ text: string }>;
  submitHam(comment: Record<string, unknown>): Promise<{ text: string }>;
}
const { AkismetClient } = createRequire(import.meta.url)('akismet-api') as {
  AkismetClient: new (options: Record<string, string>) => AkismetApiClient;
};

let t: TestApp;
let port: number;
const lookup = dns.lookup;

type Lookup = (host: string, options: unknown, callback: (...args: unknown[]) => void) => void;

beforeAll(async () => {
  t = await startTestApp({ seed: false, listen: true });
  port = Number(new URL(t.url).port);
  // akismet-api sends the key as a sub-domain (http://<key>.localhost:PORT/...), which does not
  // resolve here: localhost and its sub-domains go to the test server, as a wildcard DNS name would.
  const patched: Lookup = (host, options, callback) => {
    if (host === 'localhost' || host.endsWith('.localhost')) {
      const cb = typeof options === 'function' ? (options as typeof callback) : callback;
      const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
      return all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4);
    }
    return (lookup as unknown as Lookup)(host, options, callback);
  };
  dns.lookup = patched as unknown as typeof dns.lookup;
});

afterAll(async () => {
  dns.lookup = lookup;
  await t?.close();
});

async function newKey(site = BLOG): Promise<{ id: string; key: string }> {
  const response = await t.inject({ method: 'POST', url: '/api/admin/spam/keys', payload: { site } });
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function revoke(id: string): Promise<void> {
  expect((await t.inject({ method: 'DELETE', url: `/api/admin/spam/keys/${id}` })).statusCode).toBe(204);
}

async function usageOf(id: string) {
  const { keys } = (await t.inject({ method: 'GET', url: '/api/admin/spam/keys' })).json();
  return keys.find((k: { id: string }) => k.id === id);
}

/** A form POST, as Akismet clients send it. */
function post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return t.platform.http.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
}

describe('akismet-api, the key sent as the first label of the host name', () => {
  let id: string;
  let client: AkismetApiClient;
  const comment = { ip: '203.0.113.7', useragent: 'Mozilla/5.0', name: 'Sam', email: 'sam@example.com' };

  beforeAll(async () => {
    const key = await newKey();
    id = key.id;
    client = new AkismetClient({ key: key.key, blog: BLOG, host: `localhost:${port}`, protocol: 'http' });
  });

  it('verifies a valid key and refuses an unknown one', async () => {
    expect(await client.verifyKey()).toBe(true);
    const stranger = new AkismetClient({
      key: 'abcdefabcdef',
      blog: BLOG,
      host: `localhost:${port}`,
      protocol: 'http',
    });
    expect(await stranger.verifyKey()).toBe(false);
  });

  it('calls an obvious spam comment spam and an ordinary one ham', async () => {
    expect(await client.checkSpam({ ...comment, content: SPAM })).toBe(true);
    expect(await client.checkSpam({ ...comment, content: HAM })).toBe(false);
  });

  it('honours the test triggers: viagra-test-123, the guaranteed-spam email, the administrator role', async () => {
    expect(await client.checkSpam({ ...comment, name: 'viagra-test-123', content: HAM, isTest: true })).toBe(true);
    expect(
      await client.checkSpam({ ...comment, email: 'akismet-guaranteed-spam@example.com', content: HAM, isTest: true }),
    ).toBe(true);
    expect(await client.checkSpam({ ...comment, role: 'administrator', content: SPAM, isTest: true })).toBe(false);
  });

  it('takes spam and ham reports with the thank-you, and counts every call', async () => {
    const before = await usageOf(id);
    expect((await client.submitSpam({ ...comment, content: 'Cheap followers at http://followers.example' })).text).toBe(
      THANKS,
    );
    expect((await client.submitHam({ ...comment, content: 'Does it ship to Norway?' })).text).toBe(THANKS);
    const after = await usageOf(id);
    expect(after.month).toEqual({
      month: MONTH,
      calls: 5,
      spam: 3,
      ham: 2,
      missedSpam: before.month.missedSpam + 1,
      falsePositives: before.month.falsePositives + 1,
    });
    expect(after.total).toEqual({ calls: 5, spam: 3, ham: 2, missedSpam: 1, falsePositives: 1 });
  });

  it('answers invalid to a revoked key', async () => {
    await revoke(id);
    expect(await client.verifyKey()).toBe(false);
    await expect(client.checkSpam({ ...comment, content: HAM })).rejects.toThrow('Invalid API key');
  });
});

describe('@cedx/akismet, the key sent as api_key', () => {
  let id: string;
  let client: CedxClient;
  const author = new Author({ ipAddress: '198.51.100.4', name: 'Kim', userAgent: 'Mozilla/5.0' });

  beforeAll(async () => {
    const key = await newKey('https://shop.example.org');
    id = key.id;
    client = new CedxClient(key.key, new Blog({ url: 'https://shop.example.org' }), { baseUrl: t.url });
  });

  it('verifies a valid key and refuses an unknown one', async () => {
    expect(await client.verifyKey()).toBe(true);
    const stranger = new CedxClient('abcdefabcdef', new Blog({ url: BLOG }), { baseUrl: t.url });
    expect(await stranger.verifyKey()).toBe(false);
  });

  it('calls an obvious spam comment spam and an ordinary one ham', async () => {
    expect(await client.checkComment(new Comment({ author, content: SPAM }))).toBe(CheckResult.spam);
    expect(await client.checkComment(new Comment({ author, content: HAM }))).toBe(CheckResult.ham);
  });

  it('honours the test triggers', async () => {
    const test = new CedxClient(client.apiKey, client.blog, { baseUrl: t.url, isTest: true });
    const spammer = new Author({ ipAddress: '198.51.100.4', name: 'viagra-test-123' });
    const admin = new Author({ ipAddress: '198.51.100.4', role: 'administrator' });
    expect(await test.checkComment(new Comment({ author: spammer, content: HAM }))).toBe(CheckResult.spam);
    expect(await test.checkComment(new Comment({ author: admin, content: SPAM }))).toBe(CheckResult.ham);
  });

  it('reads a filled honeypot as pervasive spam: true with X-akismet-pro-tip: discard', async () => {
    const comment = new Comment({ author, content: HAM });
    // @cedx/akismet has no honeypot option; the fields go in the form like any other.
    const fields = comment.toJSON();
    comment.toJSON = () => ({ ...fields, honeypot_field_name: 'website2', website2: 'http://bot.example' });
    expect(await client.checkComment(comment)).toBe(CheckResult.pervasiveSpam);
  });

  it('takes spam and ham reports (it checks the thank-you itself) and counts them', async () => {
    await client.submitSpam(new Comment({ author, content: 'Win a free phone, visit http://prize.example now' }));
    await client.submitHam(new Comment({ author, content: 'Arrived in two days, well packed.' }));
    expect((await usageOf(id)).month).toEqual({
      month: MONTH,
      calls: 5,
      spam: 3,
      ham: 2,
      missedSpam: 1,
      falsePositives: 1,
    });
  });

  it('cannot use a revoked key', async () => {
    await revoke(id);
    expect(await client.verifyKey()).toBe(false);
    await expect(client.checkComment(new Comment({ author, content: HAM }))).rejects.toThrow(/revoked/);
  });
});

describe("marketgate's own Akismet client, pointed at marketgate", () => {
  it('speaks the same protocol both ways: key, check, discard, submissions', async () => {
    const { key, id } = await newKey('https://peer.example.com');
    const ours = new OurClient({ key, blog: 'https://peer.example.com', version: 'test', baseUrl: t.url });
    const author = { user_ip: '192.0.2.44', comment_author: 'Lee' };
    expect(await ours.verifyKey()).toBe(true);
    expect(await ours.checkComment({ ...author, comment_content: SPAM })).toBe('spam');
    expect(await ours.checkComment({ ...author, comment_content: HAM })).toBe('ham');
    expect(await ours.checkComment({ ...author, comment_content: HAM, honeypot: { name: 'hp', value: 'x' } })).toBe(
      'discard',
    );
    await ours.submitSpam({ ...author, comment_content: 'Followers for sale http://f.example', is_test: true });
    await ours.submitHam({ ...author, comment_content: 'Lovely colour', is_test: true });
    expect((await usageOf(id)).month).toMatchObject({ calls: 3, spam: 2, ham: 1, missedSpam: 1, falsePositives: 1 });
    expect(await new OurClient({ key: 'abcabcabcabc', blog: BLOG, version: 'test', baseUrl: t.url }).verifyKey()).toBe(
      false,
    );
  });
});

describe('the protocol over raw HTTP', () => {
  let key: string;
  let id: string;
  const check = { blog: BLOG, user_ip: '192.0.2.1', comment_content: HAM };

  beforeAll(async () => {
    ({ key, id } = await newKey('https://raw.example.net'));
  });

  it('names a missing blog or user_ip in the body and in X-akismet-debug-help', async () => {
    const noBlog = await post('/1.1/comment-check', { api_key: key, user_ip: '192.0.2.1' });
    expect(noBlog.statusCode).toBe(200);
    expect(noBlog.body).toBe('Missing required field: blog.');
    expect(noBlog.headers['x-akismet-debug-help']).toBe('Missing required field: blog.');
    const noAddress = await post('/1.1/submit-spam', { api_key: key, blog: BLOG });
    expect(noAddress.body).toBe('Missing required field: user_ip.');
    expect(noAddress.headers['x-akismet-debug-help']).toBe('Missing required field: user_ip.');
  });

  it('answers a check as text/plain, with no X-akismet-debug-help', async () => {
    const response = await post('/1.1/comment-check', { ...check, api_key: key });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('false');
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.headers['x-akismet-debug-help']).toBeUndefined();
    expect(response.headers['x-akismet-pro-tip']).toBeUndefined();
  });

  it('takes the key from api_key, from key, or from the first label of the Host header', async () => {
    expect((await post('/1.1/comment-check', { ...check, api_key: key })).body).toBe('false');
    expect((await post('/1.1/comment-check', { ...check, key })).body).toBe('false');
    expect((await post('/1.1/comment-check', check, { host: `${key}.spam.example.com` })).body).toBe('false');
    expect((await post('/1.1/comment-check', check, { host: 'spam.example.com' })).body).toBe('invalid');
  });

  it('verifies a key sent as key, as api_key or in the Host header', async () => {
    expect((await post('/1.1/verify-key', { key, blog: BLOG })).body).toBe('valid');
    expect((await post('/1.1/verify-key', { api_key: key, blog: BLOG })).body).toBe('valid');
    expect((await post('/1.1/verify-key', { api_key: key.toUpperCase(), blog: BLOG })).body).toBe('valid');
    expect((await post('/1.1/verify-key', { blog: BLOG }, { host: `${key}.localhost` })).body).toBe('valid');
    const bad = await post('/1.1/verify-key', { key: '000000000000', blog: BLOG });
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toBe('invalid');
    expect(bad.headers['x-akismet-debug-help']).toBeTruthy();
  });

  it('answers true with X-akismet-pro-tip: discard when the honeypot is filled', async () => {
    const response = await post('/1.1/comment-check', {
      ...check,
      api_key: key,
      honeypot_field_name: 'hp',
      hp: 'http://bot.example',
    });
    expect(response.body).toBe('true');
    expect(response.headers['x-akismet-pro-tip']).toBe('discard');
  });

  it('learns nothing from a submission marked is_test, and still thanks for it', async () => {
    const lessons = t.platform.services.spamFilter.lessons;
    const response = await post('/1.1/submit-spam', { ...check, api_key: key, is_test: '1' });
    expect(response.body).toBe(THANKS);
    expect(t.platform.services.spamFilter.lessons).toBe(lessons);
    await post('/1.1/submit-spam', { ...check, api_key: key, comment_content: 'Visit http://pills.example' });
    expect(t.platform.services.spamFilter.lessons).toBe(lessons + 1);
  });

  it('refuses a form over 256 KiB with 413', async () => {
    const response = await post('/1.1/comment-check', { ...check, api_key: key, comment_content: 'a'.repeat(300_000) });
    expect(response.statusCode).toBe(413);
  });

  it('refuses JSON bodies on the Akismet routes', async () => {
    const response = await t.platform.http.inject({
      method: 'POST',
      url: '/1.1/comment-check',
      payload: { ...check, api_key: key },
    });
    expect(response.statusCode).toBe(415);
  });

  it('keeps refusing form bodies on the rest of the API', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/admin/spam/keys',
      headers: {
        ...(await t.tokenFor('admin')),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'site=https%3A%2F%2Fform.example.com',
    });
    expect(response.statusCode).toBe(415);
  });

  it("reports this month's checks by usage-limit, by GET or POST", async () => {
    const checks = (await usageOf(id)).month.calls;
    const byGet = await t.platform.http.inject({ method: 'GET', url: `/1.2/usage-limit?api_key=${key}` });
    expect(byGet.json()).toEqual({ limit: 'none', usage: checks, percentage: '0.00', throttled: false });
    const byPost = await post('/1.2/usage-limit', { api_key: key });
    expect(byPost.json()).toEqual(byGet.json());
    expect((await post('/1.2/usage-limit', { api_key: 'ffffffffffff' })).body).toBe('invalid');
  });

  it("reports the key's site and its counts by key-sites, counts as strings as Akismet sends them", async () => {
    const usage = (await usageOf(id)).month;
    const response = await t.platform.http.inject({ method: 'GET', url: `/1.2/key-sites?api_key=${key}` });
    expect(response.json()).toEqual({
      [MONTH]: [
        {
          site: 'https://raw.example.net',
          api_calls: String(usage.calls),
          spam: String(usage.spam),
          ham: String(usage.ham),
          missed_spam: String(usage.missedSpam),
          false_positives: String(usage.falsePositives),
          is_revoked: false,
        },
      ],
      limit: 500,
      offset: 0,
      total: 1,
    });
    const other = await t.platform.http.inject({ method: 'GET', url: `/1.2/key-sites?api_key=${key}&month=2026-01` });
    expect(other.json()['2026-01'][0].api_calls).toBe('0');
  });
});

describe('the admin key API', () => {
  it('creates a key of 12 hex characters, lists it with its usage, and revokes it', async () => {
    const created = await t.inject({ method: 'POST', url: '/api/admin/spam/keys', payload: { site: BLOG } });
    expect(created.statusCode).toBe(201);
    const key = created.json();
    expect(key).toMatchObject({ site: BLOG, revokedAt: null, month: { month: MONTH, calls: 0 }, total: { calls: 0 } });
    expect(key.key).toMatch(/^[0-9a-f]{12}$/);

    expect(await usageOf(key.id)).toEqual(key);

    await revoke(key.id);
    expect((await usageOf(key.id)).revokedAt).toBe('2026-11-24T12:00:00.000Z');
    expect((await t.inject({ method: 'DELETE', url: `/api/admin/spam/keys/${key.id}` })).statusCode).toBe(404);
  });

  it('records creating and revoking in the audit log', async () => {
    const { events } = (await t.inject({ method: 'GET', url: '/api/admin/audit?action=spam.keys' })).json();
    const actions = events.map((e: { action: string }) => e.action);
    expect(actions).toContain('spam.keys.create');
    expect(actions).toContain('spam.keys.revoke');
  });

  it('refuses a site that is not an http(s) address, naming the field', async () => {
    const response = await t.inject({ method: 'POST', url: '/api/admin/spam/keys', payload: { site: 'blog' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'site', message: expect.stringContaining('http(s)') }]);
  });

  it('is for admins: a moderator gets 403, a caller without a token 401', async () => {
    const moderator = await t.tokenFor('moderator');
    for (const request of [
      { method: 'GET' as const, url: '/api/admin/spam/keys' },
      { method: 'POST' as const, url: '/api/admin/spam/keys', payload: { site: BLOG } },
    ]) {
      expect((await t.inject({ ...request, headers: moderator })).statusCode).toBe(403);
      expect((await t.inject({ ...request, headers: {} })).statusCode).toBe(401);
    }
  });
});

describe('marketgate spam keys', () => {
  async function run(...args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    const keys = new SpamKeys(
      t.platform.database.db,
      { now: () => new Date('2026-11-24T12:00:00Z') },
      t.platform.changes,
    );
    addKeyCommands(program.command('spam'), (_command, work) => work({ spamKeys: keys }, 'test'));
    let out = '';
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(['spam', 'keys', ...args], { from: 'user' });
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    return out;
  }

  it('create prints the new key alone on stdout, list shows it, revoke stops it', async () => {
    const key = (await run('create', '--site', 'https://cli.example.com')).trim();
    expect(key).toMatch(/^[0-9a-f]{12}$/);
    expect((await post('/1.1/verify-key', { key, blog: BLOG })).body).toBe('valid');

    const listed = JSON.parse(await run('list', '--json'));
    expect(listed.find((k: { key: string }) => k.key === key)).toMatchObject({
      site: 'https://cli.example.com',
      revokedAt: null,
      total: { calls: 0 },
    });
    expect(await run('list')).toContain(`${key}  https://cli.example.com`);

    expect(await run('revoke', key)).toBe(`Revoked ${key} (https://cli.example.com).\n`);
    // The server's own cache learns of a revoke by another process within 30 s; this one is fresh.
    const server = new SpamKeys(t.platform.database.db, { now: () => new Date() }, t.platform.changes);
    expect(await server.resolve(key)).toBeUndefined();
  });
});

describe('the API document', () => {
  it('lists the Akismet routes under the akismet tag, with form bodies and plain-text answers', async () => {
    const doc = (await t.platform.http.inject({ method: 'GET', url: '/openapi.json' })).json();
    const check = doc.paths['/1.1/comment-check'].post;
    expect(check.tags).toEqual(['akismet']);
    expect(Object.keys(check.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(Object.keys(check.responses['200'].content)).toEqual(['text/plain']);
    for (const path of [
      '/1.1/verify-key',
      '/1.1/submit-spam',
      '/1.1/submit-ham',
      '/1.2/usage-limit',
      '/1.2/key-sites',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/admin/spam/keys'].post.tags).toEqual(['akismet']);
  });
});

describe('the rate limit', () => {
  it('answers 429 with Retry-After past SPAM_API_RATE_LIMIT requests a minute from one address', {
    timeout: 90_000,
  }, async () => {
    const limited = await startTestApp({ seed: false, listen: false, env: { SPAM_API_RATE_LIMIT: '3' } });
    try {
      const verify = () =>
        limited.platform.http.inject({
          method: 'POST',
          url: '/1.1/verify-key',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'key=abcabcabcabc&blog=https%3A%2F%2Fblog.example.com',
        });
      for (let i = 0; i < 3; i++) expect((await verify()).body).toBe('invalid');
      const refused = await verify();
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
