import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { SHOTS, useBrowserApp } from '../support/browser.js';
import { fillLogin, logIn } from './login.js';

describe('staff console access', () => {
  const h = useBrowserApp();
  let app: TestApp;
  let page: Page;
  beforeEach(() => {
    ({ app, page } = h);
  });

  const admin = () => app.initialAdmin;
  const signedIn = () => page.getByRole('region', { name: 'Signed in' });

  it('log in, see the admin shell, log out, and be locked out again', async () => {
    await page.goto(`${app.url}/admin`);
    await page.waitForURL(`${app.url}/admin/login`);
    await page.getByRole('heading', { name: 'Log in to the staff console' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-login.png`, fullPage: true });

    await fillLogin(page, admin());
    await page.waitForURL(`${app.url}/admin`);
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await signedIn().getByText('Administrator', { exact: true }).waitFor();
    await signedIn().getByText('Admin', { exact: true }).waitFor();

    await signedIn().getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${app.url}/admin/login`);

    await page.goto(`${app.url}/admin`);
    await page.waitForURL(`${app.url}/admin/login`);
    await page.getByRole('heading', { name: 'Log in to the staff console' }).waitFor();
    const products = await page.request.get(`${app.url}/api/admin/products`);
    expect(products.status()).toBe(401);
  });

  it('brings the user back to the page they wanted after logging in', async () => {
    await page.goto(`${app.url}/admin/markets`);
    await page.waitForURL(`${app.url}/admin/login?next=%2Fadmin%2Fmarkets`);
    await fillLogin(page, admin());
    await page.waitForURL(`${app.url}/admin/markets`);
    await page.getByRole('rowheader', { name: 'United States', exact: true }).waitFor();
  });

  it('a wrong password is refused with a message', async () => {
    await page.goto(`${app.url}/admin/login`);
    await fillLogin(page, { email: admin().email, password: 'not-the-password' });
    await page.getByRole('alert').getByText('Email or password is wrong').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    expect(await page.getByLabel('Password').inputValue()).toBe('');
  });

  it('too many wrong passwords are refused with the time to wait', async () => {
    const ghost = { email: 'ghost@example.com', password: 'not-a-password' };
    for (let i = 0; i < 5; i++) {
      const answer = await page.request.post(`${app.url}/api/auth/login`, { data: ghost });
      expect(answer.status()).toBe(401);
    }
    await page.goto(`${app.url}/admin/login`);
    await fillLogin(page, ghost);
    await page
      .getByRole('alert')
      .getByText(/^Too many attempts, try again in \d+ seconds\.$/)
      .waitFor();
  });

  it('a session that ends elsewhere sends the user to the login page at their next step', async () => {
    // Start where every request has been answered, so the first call after the logout is the click's.
    await logIn(page, app.url, admin(), '/admin/markets');
    await page.getByRole('rowheader', { name: 'United States', exact: true }).waitFor();
    // Log out behind the console's back, as another tab or an expired session would.
    const { csrfToken } = (await (await page.request.get(`${app.url}/api/auth/session`)).json()) as {
      csrfToken: string;
    };
    const logout = await page.request.post(`${app.url}/api/auth/logout`, { headers: { 'x-csrf-token': csrfToken } });
    expect(logout.status()).toBe(204);

    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Products', exact: true }).click();
    await page.waitForURL(`${app.url}/admin/login?next=%2Fadmin%2Fproducts`);
    await fillLogin(page, admin());
    await page.waitForURL(`${app.url}/admin/products`);
  });

  it('an admin creates a merchandiser who cannot see Users', async () => {
    await logIn(page, app.url, admin(), '/admin/users');
    const create = page.getByRole('region', { name: 'Add a user' });
    await create.getByLabel('Email').fill('mona@example.com');
    await create.getByLabel('Name').fill('Mona Merch');
    await create.getByLabel('Role').selectOption('merchandiser');
    await create.getByRole('button', { name: 'Create user' }).click();
    const password = await create.getByLabel('New password for mona@example.com').inputValue();
    expect(password.length).toBeGreaterThanOrEqual(12);

    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Mona Merch' }) });
    await row.getByText('Active').waitFor();
    expect(await row.getByLabel('Role of mona@example.com').inputValue()).toBe('merchandiser');
    await page.screenshot({ path: `${SHOTS}/admin-users.png`, fullPage: true });

    const theirs = await h.browser.newContext({ viewport: { width: 1280, height: 860 } });
    try {
      const them = await theirs.newPage();
      them.setDefaultTimeout(10_000);
      await logIn(them, app.url, { email: 'mona@example.com', password });
      const nav = them.getByRole('navigation', { name: 'Admin' });
      await nav.getByRole('link', { name: 'Assortment', exact: true }).waitFor();
      expect(await nav.getByRole('link', { name: 'Users', exact: true }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Audit log', exact: true }).count()).toBe(0);

      await them.goto(`${app.url}/admin/users`);
      await them.getByRole('heading', { name: "You can't open Users" }).waitFor();
      await them.getByText('403 Forbidden').waitFor();
      const users = await them.request.get(`${app.url}/api/admin/users`);
      expect(users.status()).toBe(403);
    } finally {
      await theirs.close();
    }
  });

  it('a new user whose email is taken is refused next to the Email field', async () => {
    await logIn(page, app.url, admin(), '/admin/users');
    const create = page.getByRole('region', { name: 'Add a user' });
    const email = create.getByLabel('Email');
    await email.fill(admin().email);
    await create.getByLabel('Name').fill('Second Admin');
    await create.getByRole('button', { name: 'Create user' }).click();
    await create.getByRole('alert').getByText('One field needs a change').waitFor();
    const described = await email.getAttribute('aria-describedby');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`[id="${described}"]`).textContent()).toContain(`"${admin().email}" exists`);
  });

  it('an admin cannot take away their own role, and is told why', async () => {
    await logIn(page, app.url, admin(), '/admin/users');
    const role = page.getByLabel(`Role of ${admin().email}`);
    await role.selectOption('support');
    await page.getByRole('alert').getByText('You cannot change your own role').waitFor();
    await expect.poll(() => role.inputValue()).toBe('admin');
  });

  it('an API token secret is shown once and the token can be revoked', async () => {
    await logIn(page, app.url, admin(), '/admin/users');
    const tokens = page.getByRole('region', { name: 'API tokens' });
    await tokens.getByLabel('Token name').fill('erp-sync');
    await tokens.getByLabel('Token role').selectOption('merchandiser');
    await tokens.getByRole('button', { name: 'Create token' }).click();
    const secret = await tokens.getByLabel('Secret of erp-sync').inputValue();
    expect(secret).toMatch(/^mg_/);

    const viaToken = await page.request.get(`${app.url}/api/admin/products`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(viaToken.status()).toBe(200);

    const row = tokens.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'erp-sync' }) });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Revoke' }).click(); // the confirmation
    await row.getByText('Revoked').waitFor();
    const afterRevoke = await page.request.get(`${app.url}/api/admin/products`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(afterRevoke.status()).toBe(401);
  });

  it('the audit log pages back through older events and filters by action', async () => {
    await logIn(page, app.url, admin());
    // More changes than one page holds, made with this session (its cookie and its CSRF token).
    const { csrfToken } = (await (await page.request.get(`${app.url}/api/auth/session`)).json()) as {
      csrfToken: string;
    };
    const { products } = (await (await page.request.get(`${app.url}/api/admin/products`)).json()) as {
      products: { id: string; slug: string }[];
    };
    const band = products.find((product) => product.slug === 'mi-band')!;
    for (let i = 0; i < 55; i++) {
      const answer = await page.request.put(`${app.url}/api/admin/markets/US/assortment/${band.id}`, {
        headers: { 'x-csrf-token': csrfToken },
      });
      expect(answer.ok()).toBe(true);
    }

    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Audit log' }).click();
    const table = page.getByRole('table', { name: 'Audit events' });
    const actions = table.locator('tbody td:nth-child(3)');
    await table.getByRole('cell', { name: 'markets.assortment.set' }).first().waitFor();
    expect(await actions.count()).toBe(50);
    // The first screenful: a full page of fifty rows is too tall to look at.
    await page.screenshot({ path: `${SHOTS}/admin-audit.png` });

    await page.getByRole('button', { name: 'Older' }).click();
    await expect.poll(() => actions.count()).toBeGreaterThan(55);
    await table.getByRole('cell', { name: /login/ }).first().waitFor();

    await page.getByLabel('Action starts with').fill('auth.');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(`${app.url}/admin/audit?action=auth.`);
    await expect.poll(async () => (await actions.allTextContents()).every((a) => a.startsWith('auth.'))).toBe(true);
    expect(await actions.count()).toBeGreaterThan(0);
  });
});
