import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createHttpServer } from './server.js';
import { nulAt } from './validation.js';

// The server as the app makes it, with one route whose query, path and body have schemas.
let app: App;

beforeAll(async () => {
  ({ app } = await createHttpServer({
    logLevel: 'silent',
    trustProxy: false,
    version: 'test',
    ready: async () => {},
    bodyLimit: 1024 * 1024,
    redisKeyPrefix: 'test:',
  }));
  app.post(
    '/api/things/:code',
    {
      schema: {
        params: Type.Object({ code: Type.String() }),
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ maximum: 100 })),
          at: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        body: Type.Object({
          name: Type.String(),
          count: Type.Integer(),
          tags: Type.Optional(Type.Array(Type.String())),
          until: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
        }),
      },
    },
    async (request) => ({ params: request.params, query: request.query, body: request.body }),
  );
  await app.ready();
});

afterAll(() => app.close());

const post = (url: string, body: unknown) => app.inject({ method: 'POST', url, payload: body as object });

describe('request validation', () => {
  it('reads the query as text, so "?limit=10" is the number 10', async () => {
    const res = await post('/api/things/a?limit=10', { name: 'n', count: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json().query).toEqual({ limit: 10 });
  });

  it('takes a JSON body as it is: null, "7" and ["x"] are refused, not turned into 0, 7 and "x"', async () => {
    for (const [body, field, message] of [
      [{ name: 'n', count: null }, 'count', 'must be integer'],
      [{ name: 'n', count: '7' }, 'count', 'must be integer'],
      [{ name: ['x'], count: 1 }, 'name', 'must be string'],
      [{ name: 'n', count: true }, 'count', 'must be integer'],
    ] as const) {
      const res = await post('/api/things/a', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors).toEqual([{ field, message }]);
    }
  });

  it('refuses a NUL character in the body, the query or the path, naming where', async () => {
    const cases = [
      ['/api/things/a', { name: 'a\u0000b', count: 1 }, 'name'],
      ['/api/things/a', { name: 'n', count: 1, tags: ['ok', '\u0000'] }, 'tags.1'],
      ['/api/things/a%00', { name: 'n', count: 1 }, 'params.code'],
    ] as const;
    for (const [url, body, field] of cases) {
      const res = await post(url, body);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors).toEqual([{ field, message: 'must not contain the NUL character (U+0000)' }]);
    }
  });

  it('answers a URL the router cannot read with a problem and the API headers', async () => {
    for (const [url, status] of [
      ['/api/things/%ZZ', 400],
      [`/api/things/${'a'.repeat(101)}`, 414],
    ] as const) {
      const res = await app.inject({ method: 'POST', url, payload: {}, headers: { 'x-request-id': 'req-1' } });
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status, instance: url });
      expect(res.headers['x-request-id']).toBe('req-1');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('takes the calendar formats of formats.ts: no year 0050, no leap second', async () => {
    expect((await post('/api/things/a?at=2027-01-01T00:00:00Z', { name: 'n', count: 1 })).statusCode).toBe(200);
    for (const at of ['0050-06-01T00:00:00Z', '2027-01-01T23:59:60Z']) {
      const res = await post(`/api/things/a?at=${at}`, { name: 'n', count: 1 });
      expect(res.statusCode, at).toBe(400);
      expect(res.json().errors).toEqual([{ field: 'querystring.at', message: 'must match format "date-time"' }]);
    }
  });
});

describe('a path that exists, asked with another method', () => {
  it('is 405 with the methods it answers in Allow; an unknown path stays 404', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/api/things/a?x=1' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 405, detail: '/api/things/a answers POST, not DELETE' });
    expect((await app.inject({ method: 'DELETE', url: '/api/nothing/here' })).statusCode).toBe(404);
  });
});

describe('a nullable field', () => {
  it('that is neither gets one message, its own, not also "must be null" and the union\'s', async () => {
    const res = await post('/api/things/a', { name: 'n', count: 1, until: 'tomorrow' });
    expect(res.json().errors).toEqual([{ field: 'until', message: 'must match format "date-time"' }]);
    expect((await post('/api/things/a', { name: 'n', count: 1, until: null })).statusCode).toBe(200);
  });
});

describe('nulAt', () => {
  it('gives the JSON Pointer of the first NUL, in values and property names', () => {
    expect(nulAt({ a: ['x', { 'b/c': 'y\u0000' }] }, '')).toBe('/a/1/b~1c');
    expect(nulAt({ 'k\u0000': 1 }, '')).toBe('/k\u0000');
    expect(nulAt({ a: 'fine', b: [1, null, true] }, '')).toBeUndefined();
  });
});
