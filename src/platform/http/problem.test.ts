import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './problem.js';

describe('problem+json error handler', () => {
  it('answers an unexpected error with 500 and no internals', async () => {
    const app = Fastify({ logger: false });
    app.setErrorHandler(errorHandler);
    app.get('/boom', async () => {
      throw new Error('duplicate key value violates unique constraint "secret_table_pkey" at /srv/app/x.ts:12');
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 500, title: 'Internal server error' });
    expect(res.body).not.toMatch(/secret_table|constraint|x\.ts|at /);
    await app.close();
  });
});
