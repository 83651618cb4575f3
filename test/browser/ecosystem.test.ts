import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { SHOTS, useBrowserApp } from '../support/browser.js';
import { logIn } from './login.js';

// Cloud services, regions and deployments in the staff console, on the demo's day (2026-11-24): push
// notifications are planned in us-east for 2027-03-01, the US phone launch. Every test leaves the demo's
// deployments as it found them.

describe('services and regions page', () => {
  const h = useBrowserApp();
  let app: TestApp;
  let page: Page;
  beforeEach(() => {
    ({ app, page } = h);
  });

  const open = () => logIn(page, app.url, app.initialAdmin, '/admin/ecosystem');
  const grid = () => page.getByRole('table', { name: 'Deployments by region and service' });
  const reach = () => page.getByRole('table', { name: 'Services each market is served by' });
  /** A market's cell for a service in the reach table. */
  async function reachCell(market: string, service: string) {
    const headers = await reach().locator('thead th').allInnerTexts();
    const column = headers.findIndex((text) => text.trim() === service);
    expect(column).toBeGreaterThan(0);
    return reach()
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${market}`) }) })
      .locator('th, td')
      .nth(column);
  }

  it('shows push notifications planned in us-east for 1 March 2027, so the US is not served yet', async () => {
    await open();
    const planned = grid().getByRole('button', { name: /^push-notifications in us-east: planned for / });
    await planned.locator('time[datetime="2027-03-01"]').waitFor();
    await planned.getByText('Planned').waitFor();
    await grid()
      .getByRole('rowheader', { name: /^us-east/ })
      .getByText('for CA, US')
      .waitFor();

    const us = await reachCell('United States', 'push-notifications');
    await us.getByText('Planned').waitFor();
    await us.locator('time[datetime="2027-03-01"]').waitFor();
    await (await reachCell('United States', 'app-store')).getByText('Not served').waitFor();
    await (await reachCell('Japan', 'account')).getByText('Served').waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-ecosystem.png`, fullPage: true });
  });

  it('records a deployment of the app store to us-east, shows it planned, and deletes it again', async () => {
    await open();
    const form = page.getByRole('form', { name: 'Record a deployment' });
    await form.getByLabel('Service', { exact: true }).selectOption('app-store');
    await form.getByLabel('Region', { exact: true }).selectOption('us-east');
    await form.getByLabel('Live from').fill('2027-06-01');
    await form.getByLabel('Notes').fill('US launch of the app store');
    await form.getByRole('button', { name: 'Record deployment' }).click();

    await page
      .getByRole('status')
      .getByText(/^Recorded app-store in us-east: planned for /)
      .waitFor();
    const deployment = grid().getByRole('button', { name: /^app-store in us-east: planned for / });
    await deployment.locator('time[datetime="2027-06-01"]').waitFor();
    const us = await reachCell('United States', 'app-store');
    await us.getByText('Planned').waitFor();
    await us.locator('time[datetime="2027-06-01"]').waitFor();

    await deployment.click();
    const change = page.getByRole('form', { name: 'Change app-store in us-east' });
    expect(await change.getByLabel('Notes').inputValue()).toBe('US launch of the app store');
    await change.getByRole('button', { name: 'Delete deployment' }).click();
    await change.getByRole('button', { name: 'Delete', exact: true }).click(); // the confirmation
    await page.getByRole('status').getByText('Deleted app-store in us-east.').waitFor();
    await deployment.waitFor({ state: 'detached' });
    await (await reachCell('United States', 'app-store')).getByText('Not served').waitFor();
  });

  it('refuses a retirement date without a live date, next to the field, and records nothing', async () => {
    await open();
    const form = page.getByRole('form', { name: 'Record a deployment' });
    await form.getByLabel('Service', { exact: true }).selectOption('video-cloud');
    await form.getByLabel('Region', { exact: true }).selectOption('uk-south');
    await form.getByLabel('Retired on').fill('2027-01-01');
    await form.getByRole('button', { name: 'Record deployment' }).click();

    await form.getByRole('alert').getByText('One field needs a change').waitFor();
    await form.getByText('needs a liveFrom: only a live deployment retires').waitFor();
    expect(await form.getByLabel('Retired on').getAttribute('aria-invalid')).toBe('true');
    expect(
      await grid()
        .getByRole('button', { name: /^video-cloud in uk-south/ })
        .count(),
    ).toBe(0);
  });
});
