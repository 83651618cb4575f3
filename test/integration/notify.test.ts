import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

// Notify-me over HTTP: a visitor's request for a product not sold in a market, the demand the
// launch team reads, and the one email when the product becomes sellable.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ listen: false });
});
afterAll(() => app.close());

const notify = (market: string, slug: string, payload: object) =>
  app.inject({ method: 'POST', url: `/api/store/markets/${market}/products/${slug}/notify`, payload, headers: {} });

describe('notify-me', () => {
  it('takes a request with consent, once per address, and counts it as demand', async () => {
    const first = await notify('US', 'mi-4', { email: 'ana@example.com', consent: true });
    expect(first.statusCode).toBe(201);
    expect(first.json().consent).toContain('unsubscribe');
    expect((await notify('us', 'mi-4', { email: 'ANA@example.com', consent: true })).statusCode).toBe(201);
    await notify('US', 'mi-4', { email: 'bo@example.com', consent: true });
    const { demand } = (await app.inject({ method: 'GET', url: '/api/admin/notify/demand' })).json();
    expect(
      demand.find((d: { product: { slug: string }; market: string }) => d.product.slug === 'mi-4' && d.market === 'US'),
    ).toMatchObject({ waiting: 2, notified: 0 });
  });

  it('refuses a request without consent, for a product on sale, or a bad address', async () => {
    const noConsent = await notify('US', 'mi-4', { email: 'ana@example.com', consent: false });
    expect([noConsent.statusCode, noConsent.json().errors[0].field]).toEqual([400, 'consent']);
    expect((await notify('US', 'mi-band', { email: 'ana@example.com', consent: true })).statusCode).toBe(409);
    expect((await notify('US', 'mi-4', { email: 'not-an-address', consent: true })).json().errors[0].field).toBe(
      'email',
    );
    expect((await notify('US', 'no-such-thing', { email: 'ana@example.com', consent: true })).statusCode).toBe(404);
  });

  it('emails each waiting visitor once when the product becomes sellable, except who unsubscribed', async () => {
    // The band is sellable in China; unlisting it closes its assortment gate there.
    expect((await app.inject({ method: 'DELETE', url: '/api/admin/markets/CN/assortment/mi-band' })).statusCode).toBe(
      204,
    );
    await notify('CN', 'mi-band', { email: 'li@example.com', consent: true });
    await notify('CN', 'mi-band', { email: 'wang@example.com', consent: true });
    expect(await app.platform.services.notify.sendDue()).toBe(0);

    const outbox = async () =>
      (await app.inject({ method: 'GET', url: '/api/admin/outbox' }))
        .json()
        .messages.filter((m: { kind: string }) => m.kind === 'notify-me');
    expect(await outbox()).toHaveLength(0);
    // The token only ever travels in the email; read it from the table for the test.
    const result = await app.platform.database.db.execute(
      sql`select token from notify_requests where email = 'wang@example.com'`,
    );
    const wang = (result as unknown as { rows: Array<{ token: string }> }).rows[0];
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/store/notify/unsubscribe',
          payload: { token: wang!.token },
          headers: {},
        })
      ).statusCode,
    ).toBe(200);

    expect((await app.inject({ method: 'PUT', url: '/api/admin/markets/CN/assortment/mi-band' })).statusCode).toBe(200);
    expect(await app.platform.services.notify.sendDue()).toBe(1);
    expect(await app.platform.services.notify.sendDue()).toBe(0);
    const sent = await outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'li@example.com', subject: 'Mi Band is now available in China (mainland)' });
    expect(sent[0].text).toContain('/unsubscribe?token=');
    const { demand } = (await app.inject({ method: 'GET', url: '/api/admin/notify/demand' })).json();
    expect(
      demand.find(
        (d: { product: { slug: string }; market: string }) => d.product.slug === 'mi-band' && d.market === 'CN',
      ),
    ).toMatchObject({ waiting: 0, notified: 1 });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/store/notify/unsubscribe',
          payload: { token: 'x'.repeat(32) },
          headers: {},
        })
      ).statusCode,
    ).toBe(404);
  });
});
