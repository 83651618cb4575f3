import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

// Public POST endpoints are rate-limited per client address (in-process, or in Redis with REDIS_URL).

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ listen: false, seed: false, env: { LOGIN_RATE_LIMIT: '3' } });
});
afterAll(() => t.close());

describe('rate limits', () => {
  it('answers 429 problem+json with Retry-After once a client exceeds the login rate', async () => {
    const attempt = (i: number) =>
      t.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `someone-${i}@example.com`, password: 'not-a-password' },
        headers: {},
      });
    for (let i = 0; i < 3; i++) expect((await attempt(i)).statusCode).toBe(401);
    const limited = await attempt(3);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().detail).toContain('Rate limit');
  });
});
