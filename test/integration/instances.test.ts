import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/platform/database/index.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

// Two app instances on one PostgreSQL database: a change made through one must reach the
// other's storefront cache (LISTEN/NOTIFY). PGlite is single-process, so this runs on PostgreSQL.

describe.runIf(Boolean(process.env.DATABASE_URL))('two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let a: Platform;
  let b: Platform;
  const config = loadConfig({ LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    database = await freshDatabase();
    a = await createPlatform(config, { database });
    const second = await openDatabase({ kind: 'postgres', url: database.url!, poolSize: 2 });
    b = await createPlatform(config, { database: second });
    b.close = ((close) => async () => {
      await close();
      await second.close();
    })(b.close);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await database?.close();
  });

  const usSlugs = async (p: Platform): Promise<string[]> =>
    (await p.http.inject({ method: 'GET', url: '/api/store/markets/US/products' }))
      .json()
      .products.map((x: { slug: string }) => x.slug);

  it('drops the other instance cache when the assortment changes', async () => {
    expect(await usSlugs(b)).toContain('mi-band'); // b caches the listing

    const { secret } = await a.services.accounts.createToken({ name: 'test', role: 'merchandiser' }, null);
    const put = await a.http.inject({
      method: 'DELETE',
      url: '/api/admin/markets/US/assortment/mi-band',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(put.statusCode).toBe(204);

    let seen: string[] = ['mi-band'];
    for (let i = 0; i < 50 && seen.includes('mi-band'); i++) {
      await new Promise((r) => setTimeout(r, 40));
      seen = await usSlugs(b);
    }
    expect(seen).not.toContain('mi-band');
  });

  it("drops the other instance's markets and shipping methods, kept in memory, when a market changes", async () => {
    const usName = async (p: Platform) =>
      (await p.http.inject({ method: 'GET', url: '/api/store/markets' }))
        .json()
        .markets.find((m: { code: string }) => m.code === 'US')?.name;
    const usMethods = async (p: Platform) =>
      (await p.http.inject({ method: 'GET', url: '/api/store/markets/US/shipping-methods' }))
        .json()
        .methods.map((m: { code: string }) => m.code);
    expect(await usName(b)).toBe('United States'); // b keeps the markets
    expect(await usMethods(b)).not.toContain('courier');

    const { secret } = await a.services.accounts.createToken({ name: 'test', role: 'admin' }, null);
    const headers = { authorization: `Bearer ${secret}` };
    const patched = await a.http.inject({
      method: 'PATCH',
      url: '/api/admin/markets/US',
      headers,
      payload: { name: 'United States of America' },
    });
    expect(patched.statusCode).toBe(200);
    const method = await a.http.inject({
      method: 'PUT',
      url: '/api/admin/markets/US/shipping-methods/courier',
      headers,
      payload: { name: 'Courier', amount: '25.00' },
    });
    expect(method.statusCode).toBe(200);

    let name = await usName(b);
    let methods = await usMethods(b);
    for (let i = 0; i < 50 && (name !== 'United States of America' || !methods.includes('courier')); i++) {
      await new Promise((r) => setTimeout(r, 40));
      name = await usName(b);
      methods = await usMethods(b);
    }
    expect(name).toBe('United States of America');
    expect(methods).toContain('courier');
  });
  it("applies a moderator's lesson on the other instance, and forgets it there when it is erased", async () => {
    const text = 'Limited offer on bands, message me for the wholesale price list';
    const score = (p: Platform) => p.services.spamFilter.assess({ content: text }).score;
    const before = score(b);
    expect(score(a)).toBe(before);
    const [product] = await a.services.catalog.listProducts();
    const posted = await a.services.discussion.post(
      product!.slug,
      { name: 'Wes', email: 'wes@example.com', content: text },
      { ipAddress: '192.0.2.1', userAgent: undefined, referrer: undefined },
    );
    const [row] = (
      await a.services.moderation.queue({ state: posted.status === 'held' ? 'held' : 'published', limit: 200 })
    ).comments.filter((c) => c.content === text);
    await a.services.moderation.moderate([row!.id], 'spam', undefined);
    const settle = async (until: () => boolean) => {
      for (let i = 0; i < 50 && !until(); i++) await new Promise((r) => setTimeout(r, 40));
    };
    await settle(() => score(b) !== before);
    expect(score(b)).toBeGreaterThan(before);
    expect(score(b)).toBe(score(a));

    await a.services.spamFilter.forget([row!.id]);
    await settle(() => score(b) === before);
    expect(score(b)).toBe(before);
  });
});
