import type { Page } from 'playwright-core';

export interface Credentials {
  email: string;
  password: string;
}

/** Logs in through the staff console's login page and waits until the console has let the user in. */
export async function logIn(page: Page, url: string, credentials: Credentials, next = '/admin'): Promise<void> {
  await page.goto(`${url}/admin/login${next === '/admin' ? '' : `?next=${encodeURIComponent(next)}`}`);
  await fillLogin(page, credentials);
  await page.waitForURL((address) => address.pathname === new URL(next, url).pathname);
  await page.getByRole('navigation', { name: 'Admin' }).waitFor();
}

export async function fillLogin(page: Page, credentials: Credentials): Promise<void> {
  const form = page.getByRole('form', { name: 'Log in' });
  await form.getByLabel('Email').fill(credentials.email);
  await form.getByLabel('Password').fill(credentials.password);
  await form.getByRole('button', { name: 'Log in' }).click();
}
