import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Permission, ROLES } from '../../src/modules/accounts/index.js';
import { manualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';

// Staff accounts and the security baseline, through the real HTTP app.

const clock = manualClock('2026-11-24T12:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ listen: false, clock, env: { LOGIN_RATE_LIMIT: '1000' } });
});
afterAll(() => t.close());

const anonymous = {};

async function login(email: string, password: string) {
  const res = await t.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    headers: anonymous,
  });
  const cookie = res.cookies.find((c) => c.name === 'mg_session');
  return { res, cookie, csrf: res.statusCode === 200 ? (res.json().csrfToken as string) : '' };
}

async function newUser(role: (typeof ROLES)[number], email: string) {
  const res = await t.inject({ method: 'POST', url: '/api/admin/users', payload: { email, name: email, role } });
  expect(res.statusCode).toBe(201);
  return res.json() as { user: { id: string }; password: string };
}

describe('every admin route is guarded', () => {
  const concrete = (url: string) => url.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');

  it('declares a permission on every /api/admin route', () => {
    const admin = t.platform.routes.filter((r) => r.url.startsWith('/api/admin'));
    expect(admin.length).toBeGreaterThan(20);
    expect(admin.filter((r) => !r.permission)).toEqual([]);
  });

  it('answers 401 problem+json to anonymous callers on every admin route', async () => {
    for (const route of t.platform.routes.filter((r) => r.url.startsWith('/api/admin'))) {
      const res = await t.inject({ method: route.method as 'GET', url: concrete(route.url), headers: anonymous });
      expect({ route: `${route.method} ${route.url}`, status: res.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
      });
      if (route.method !== 'HEAD') expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers 403 to every role that lacks the permission of an admin route', async () => {
    const tokens = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await t.tokenFor(r)] as const)));
    let checked = 0;
    for (const route of t.platform.routes.filter((r) => r.url.startsWith('/api/admin') && r.method !== 'HEAD')) {
      for (const role of ROLES.filter((r) => !can(r, route.permission as Permission))) {
        const res = await t.inject({ method: route.method as 'GET', url: concrete(route.url), headers: tokens[role] });
        expect({ route: `${role} ${route.method} ${route.url}`, status: res.statusCode }).toEqual({
          route: `${role} ${route.method} ${route.url}`,
          status: 403,
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('forbids a merchandiser to change a user role, and a moderator to edit the catalog', async () => {
    const { user } = await newUser('support', 'support1@example.com');
    const byMerchandiser = await t.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      payload: { role: 'admin' },
      headers: await t.tokenFor('merchandiser'),
    });
    expect(byMerchandiser.statusCode).toBe(403);
    expect(byMerchandiser.json().detail).toContain('users:manage');

    const byModerator = await t.inject({
      method: 'PATCH',
      url: '/api/admin/products/mi-4',
      payload: { name: 'Hacked' },
      headers: await t.tokenFor('moderator'),
    });
    expect(byModerator.statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: '/api/admin/products/mi-4' })).json().name).toBe('Mi 4');
  });
});

describe('login and sessions', () => {
  it('stores the password as an argon2id hash', async () => {
    const rows = await t.platform.database.db.execute(sql`select password_hash from staff_users`);
    const hashes = (rows as unknown as { rows: Array<{ password_hash: string }> }).rows.map((r) => r.password_hash);
    expect(hashes.length).toBeGreaterThan(0);
    for (const hash of hashes) expect(hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
  });

  it('logs the initial admin in with an httpOnly, SameSite=Lax session cookie', async () => {
    const { res, cookie } = await login(t.initialAdmin.email, t.initialAdmin.password);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { email: t.initialAdmin.email, role: 'admin' } });
    expect(res.json().permissions).toContain('users:manage');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy(); // plain http here; https sets Secure
  });

  it('issues a new session id at every login', async () => {
    const a = await login(t.initialAdmin.email, t.initialAdmin.password);
    const b = await login(t.initialAdmin.email, t.initialAdmin.password);
    expect(a.cookie?.value).toBeTruthy();
    expect(a.cookie?.value).not.toBe(b.cookie?.value);
  });

  it('refuses a wrong password with 401 and the same message as an unknown email', async () => {
    const wrong = await login(t.initialAdmin.email, 'not-the-password');
    const unknown = await login('nobody@example.com', 'whatever-password');
    expect(wrong.res.statusCode).toBe(401);
    expect(unknown.res.statusCode).toBe(401);
    expect(wrong.res.json().detail).toBe(unknown.res.json().detail);
  });

  it('refuses a cookie-authenticated POST without the CSRF token, and accepts it with', async () => {
    const { cookie, csrf } = await login(t.initialAdmin.email, t.initialAdmin.password);
    const request = (headers: Record<string, string>) =>
      t.inject({
        method: 'POST',
        url: '/api/admin/categories',
        payload: { code: 'csrf-test', name: 'CSRF test' },
        headers: { cookie: `mg_session=${cookie!.value}`, ...headers },
      });
    const without = await request({});
    expect(without.statusCode).toBe(403);
    expect(without.json().type).toBe('urn:marketgate:problem:csrf-token-invalid');
    expect((await request({ 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    expect((await request({ 'x-csrf-token': csrf })).statusCode).toBe(201);
  });

  it('ends the session at logout: the same cookie is refused afterwards', async () => {
    const { cookie, csrf } = await login(t.initialAdmin.email, t.initialAdmin.password);
    const headers = { cookie: `mg_session=${cookie!.value}` };
    expect((await t.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode).toBe(200);
    const out = await t.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...headers, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(204);
    expect((await t.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode).toBe(401);
    expect((await t.inject({ method: 'GET', url: '/api/admin/products', headers })).statusCode).toBe(401);
  });

  it('ends an idle session, and any session past its absolute lifetime', async () => {
    const idle = await login(t.initialAdmin.email, t.initialAdmin.password);
    const headers = { cookie: `mg_session=${idle.cookie!.value}` };
    clock.advance(119 * 60_000);
    expect((await t.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode).toBe(200);
    clock.advance(121 * 60_000); // used 119 minutes in, so idle since then for 121 minutes
    expect((await t.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode).toBe(401);

    const busy = await login(t.initialAdmin.email, t.initialAdmin.password);
    const busyHeaders = { cookie: `mg_session=${busy.cookie!.value}` };
    for (let hour = 0; hour < 12; hour++) {
      clock.advance(60 * 60_000);
      const status = (await t.inject({ method: 'GET', url: '/api/auth/session', headers: busyHeaders })).statusCode;
      expect(status).toBe(hour < 11 ? 200 : 401);
    }
  });

  it('ends the sessions of a user whose role changes', async () => {
    const { password } = await newUser('merchandiser', 'merch-role@example.com');
    const { cookie } = await login('merch-role@example.com', password);
    const headers = { cookie: `mg_session=${cookie!.value}` };
    expect((await t.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode).toBe(200);
    await t.inject({ method: 'PATCH', url: '/api/admin/users/merch-role@example.com', payload: { role: 'support' } });
    expect((await t.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode).toBe(401);
  });

  it('throttles repeated wrong passwords with 429 and Retry-After, even for the right one', async () => {
    const { password } = await newUser('support', 'throttled@example.com');
    for (let i = 0; i < 5; i++)
      expect((await login('throttled@example.com', 'wrong-guess-123')).res.statusCode).toBe(401);
    const refused = await login('throttled@example.com', password);
    expect(refused.res.statusCode).toBe(429);
    expect(Number(refused.res.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.res.json()).toMatchObject({ status: 429, title: 'Too many requests' });

    clock.advance(15 * 60_000 + 1000);
    expect((await login('throttled@example.com', password)).res.statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('works until revoked, and stops at once when revoked', async () => {
    const created = await t.inject({
      method: 'POST',
      url: '/api/admin/tokens',
      payload: { name: 'erp', role: 'merchandiser' },
    });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json();
    expect(secret).toMatch(/^mg_/);
    const headers = { authorization: `Bearer ${secret}` };
    expect((await t.inject({ method: 'GET', url: '/api/admin/products', headers })).statusCode).toBe(200);

    const listed = (await t.inject({ method: 'GET', url: '/api/admin/tokens' })).json().tokens;
    const erp = listed.find((x: { id: string }) => x.id === token.id);
    expect(erp.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(secret);

    expect((await t.inject({ method: 'DELETE', url: `/api/admin/tokens/${token.id}` })).statusCode).toBe(204);
    expect((await t.inject({ method: 'GET', url: '/api/admin/products', headers })).statusCode).toBe(401);
  });

  it('limits a token to its role', async () => {
    const headers = await t.tokenFor('support');
    expect(
      (await t.inject({ method: 'POST', url: '/api/admin/tokens', payload: { name: 'x', role: 'admin' }, headers }))
        .statusCode,
    ).toBe(403);
  });
});

describe('users', () => {
  it('refuses an admin demoting or disabling themself', async () => {
    const { cookie, csrf, res } = await login(t.initialAdmin.email, t.initialAdmin.password);
    const headers = { cookie: `mg_session=${cookie!.value}`, 'x-csrf-token': csrf };
    const url = `/api/admin/users/${res.json().user.id}`;
    expect((await t.inject({ method: 'PATCH', url, payload: { role: 'support' }, headers })).statusCode).toBe(409);
    expect((await t.inject({ method: 'PATCH', url, payload: { disabled: true }, headers })).statusCode).toBe(409);
  });

  it('refuses to demote or disable the last active admin, naming the field', async () => {
    // The initial admin is the one admin user; an admin API token asks.
    const url = `/api/admin/users/${t.initialAdmin.email}`;
    const demoted = await t.inject({ method: 'PATCH', url, payload: { role: 'support' } });
    expect(demoted.statusCode, demoted.body).toBe(409);
    expect(demoted.headers['content-type']).toContain('application/problem+json');
    expect(demoted.json().errors).toEqual([
      { field: 'role', message: 'The last admin cannot be demoted; make another user admin first' },
    ]);
    const disabled = await t.inject({ method: 'PATCH', url, payload: { disabled: true } });
    expect(disabled.statusCode, disabled.body).toBe(409);
    expect(disabled.json().errors).toEqual([
      { field: 'disabled', message: 'The last admin cannot be disabled; make another user admin first' },
    ]);
    const users = (await t.inject({ method: 'GET', url: '/api/admin/users' })).json().users;
    expect(users.find((u: { email: string }) => u.email === t.initialAdmin.email)).toMatchObject({
      role: 'admin',
      disabled: false,
    });

    // A disabled admin does not count: with one beside the initial admin, the refusal stands.
    await newUser('admin', 'dormant-admin@example.com');
    const dormant = '/api/admin/users/dormant-admin@example.com';
    expect((await t.inject({ method: 'PATCH', url: dormant, payload: { disabled: true } })).statusCode).toBe(200);
    expect((await t.inject({ method: 'PATCH', url, payload: { role: 'support' } })).statusCode).toBe(409);
    // Another active admin: now either may go.
    expect((await t.inject({ method: 'PATCH', url: dormant, payload: { disabled: false } })).statusCode).toBe(200);
    expect((await t.inject({ method: 'PATCH', url: dormant, payload: { role: 'support' } })).statusCode).toBe(200);
  });

  it('leaves one admin when two admins are demoted at the same moment', async () => {
    await newUser('admin', 'second-admin@example.com');
    const urls = [`/api/admin/users/${t.initialAdmin.email}`, '/api/admin/users/second-admin@example.com'];
    const answers = await Promise.all(
      urls.map((url) => t.inject({ method: 'PATCH', url, payload: { role: 'support' } })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const admins = (await t.inject({ method: 'GET', url: '/api/admin/users' }))
      .json()
      .users.filter((u: { role: string; disabled: boolean }) => u.role === 'admin' && !u.disabled);
    expect(admins).toHaveLength(1);
    // Put back as it was for the tests that follow: the initial admin an admin, the second not.
    await t.inject({ method: 'PATCH', url: urls[0]!, payload: { role: 'admin' } });
    await t.inject({ method: 'PATCH', url: urls[1]!, payload: { role: 'support' } });
  });

  it('keeps a disabled user out', async () => {
    const { password } = await newUser('moderator', 'leaver@example.com');
    await t.inject({ method: 'PATCH', url: '/api/admin/users/leaver@example.com', payload: { disabled: true } });
    expect((await login('leaver@example.com', password)).res.statusCode).toBe(401);
  });

  it('answers 409 for a second user with the same email in another case', async () => {
    await newUser('support', 'twice@example.com');
    const again = await t.inject({
      method: 'POST',
      url: '/api/admin/users',
      payload: { email: 'TWICE@example.com', name: 'x', role: 'support' },
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('audit log', () => {
  it('records who did what to which record, from where', async () => {
    const headers = await t.tokenFor('merchandiser');
    await t.inject({
      method: 'PATCH',
      url: '/api/admin/products/mi-band',
      payload: { description: 'Audited.' },
      headers,
    });
    const { events } = (await t.inject({ method: 'GET', url: '/api/admin/audit?action=products.update' })).json();
    expect(events[0]).toMatchObject({
      actor: { kind: 'token', label: 'test merchandiser' },
      action: 'products.update',
      target: 'product=mi-band',
      ip: '127.0.0.1',
      status: 200,
    });
  });

  it('records failed logins with the email that was tried', async () => {
    await login('intruder@example.com', 'guess-guess-guess');
    const { events } = (await t.inject({ method: 'GET', url: '/api/admin/audit?actor=intruder@example.com' })).json();
    expect(events[0]).toMatchObject({ action: 'auth.login', status: 401, actor: { kind: 'anonymous' } });
  });

  it('records a login that got in as made by the user it signed in', async () => {
    const { user, password } = await newUser('support', 'audited-login@example.com');
    expect((await login('Audited-Login@example.com', password)).res.statusCode).toBe(200);
    const { events } = (await t.inject({ method: 'GET', url: '/api/admin/audit?action=auth.login' })).json();
    expect(events[0]).toMatchObject({
      status: 200,
      actor: { kind: 'user', id: user.id, label: 'audited-login@example.com' },
    });
  });

  it('is append-only in the database itself', async () => {
    await expect(t.platform.database.db.execute(sql`update audit_events set action = 'nothing'`)).rejects.toThrow();
    await expect(t.platform.database.db.execute(sql`delete from audit_events`)).rejects.toThrow();
  });

  it('pages through events, newest first', async () => {
    const first = (await t.inject({ method: 'GET', url: '/api/admin/audit?limit=2' })).json();
    expect(first.events).toHaveLength(2);
    expect(first.events[0].id).toBeGreaterThan(first.events[1].id);
    const next = (await t.inject({ method: 'GET', url: `/api/admin/audit?limit=2&before=${first.nextBefore}` })).json();
    expect(next.events[0].id).toBeLessThan(first.events[1].id);
  });
});

describe('hardening', () => {
  it("sends a page helmet's security headers with a strict Content-Security-Policy", async () => {
    const res = await t.inject({ method: 'GET', url: '/us', headers: anonymous });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('sends an API answer the headers that protect a non-document: nothing may load, frame or sniff it', async () => {
    for (const url of ['/api/store/markets', '/healthz', '/openapi.json']) {
      const res = await t.inject({ method: 'GET', url, headers: anonymous });
      expect(res.headers['content-security-policy'], url).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['cross-origin-resource-policy'], url).toBe('same-origin');
      expect(res.headers['x-request-id'], url).toBeTruthy();
      // Headers only a document uses are not sent with data.
      expect(res.headers['cross-origin-opener-policy'], url).toBeUndefined();
    }
  });

  it('refuses a body over the size limit with 413 problem+json', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/admin/categories',
      payload: { code: 'big', name: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
