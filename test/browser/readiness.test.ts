import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { SHOTS, useBrowserApp } from '../support/browser.js';
import { logIn } from './login.js';

// The demo as of its day, 2026-11-24 (test/support/app.ts): the US launch is accessories only; the phone has
// no FCC grant, is not listed, and needs services no US region runs; the plush toy's state registration
// expires on 2026-12-15; push notifications go live in us-east on 2027-03-01.

describe('admin readiness', () => {
  const h = useBrowserApp();
  let app: TestApp;
  let page: Page;
  beforeEach(() => {
    ({ app, page } = h);
  });

  const cell = (name: string | RegExp) => page.getByRole('button', { name });
  const verdict = (name: string) => page.getByRole('region', { name });

  it('shows the phone blocked in the US by all three gates and the Mi Band sellable there', async () => {
    await logIn(page, app.url, app.initialAdmin, '/admin/readiness');
    await cell('Mi Band in United States: sellable').waitFor();
    await cell('Mi 4 in United States: blocked (assortment, compliance and ecosystem closed)').waitFor();
    expect(await page.getByRole('table', { name: 'Readiness by product and market' }).getByRole('row').count()).toBe(
      12,
    );
    await page.getByText(/^31\s+of 99 sellable$/).waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-readiness.png`, fullPage: true });
  });

  it("opens the phone's US verdict: its closed gates, their citations and the dated launch step", async () => {
    await logIn(page, app.url, app.initialAdmin, '/admin/readiness');
    const phone = cell(/^Mi 4 in United States: blocked/);
    await phone.click();
    await page.waitForURL(/[?&]cell=mi-4\.US\b/);
    const panel = verdict('Mi 4 in United States');
    for (const gate of ['Assortment', 'Compliance', 'Ecosystem']) {
      await panel.getByRole('region', { name: new RegExp(`^Closed ${gate}\\b`) }).waitFor();
    }
    await panel.getByText('47 CFR 2.907, 2.925, 2.926', { exact: false }).first().waitFor();
    await panel
      .getByRole('link', { name: /ecfr\.gov/ })
      .first()
      .waitFor();
    await panel.getByText('push-notifications goes live in us-east on 2027-03-01').waitFor();
    await panel.getByText(/^Earliest: no date yet/).waitFor();
    const changes = panel.getByRole('list', { name: 'Verdict changes of Mi 4 in United States' });
    await changes.getByText('Cause: demo scenario loaded').waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-readiness-verdict.png` });

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    // Focus goes back to the cell that opened it (evaluated in the page, whose DOM this file is not typed for).
    expect(await page.evaluate('document.activeElement?.dataset.cell')).toBe('mi-4.US');
  });

  it('as of the day the plush toy’s state registration expires, it is blocked in the US until renewed', async () => {
    await logIn(page, app.url, app.initialAdmin, '/admin/readiness');
    await cell('Mi Bunny Plush in United States: sellable').waitFor();
    await page.getByLabel('As of').fill('2026-12-15');
    await page.waitForURL(/[?&]at=2026-12-15\b/);
    await cell('Mi Bunny Plush in United States: blocked (compliance closed)').click();
    const panel = verdict('Mi Bunny Plush in United States');
    await panel.getByText(/^Renew US\.STATE\.STUFFED_TOY for Mi Bunny Plush/).waitFor();
    await panel.getByText(/is expired on 2026-12-15/).waitFor();
  });

  it('keeps the filter in the address and downloads the same view as CSV', async () => {
    await logIn(page, app.url, app.initialAdmin, '/admin/readiness?market=US&market=EU&q=band');
    await cell('Mi Band in United States: sellable').waitFor();
    await cell(/^Mi Band in European Union/).waitFor();
    expect(await page.locator('[data-cell]').count()).toBe(2);
    await page.getByText(/^1\s+of 2 sellable$/).waitFor();

    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const query = new URL(href ?? '', app.url).searchParams;
    expect(query.getAll('market')).toEqual(['US', 'EU']);
    expect(query.getAll('product')).toEqual(['mi-band']);
    expect(query.get('format')).toBe('csv');
    const csv = await page.request.get(new URL(href ?? '', app.url).toString());
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.some((line) => line.startsWith('mi-band,US,true,'))).toBe(true);
  });

  it('lists the verdict changes newest first, a page at a time, and filters them by market', async () => {
    await logIn(page, app.url, app.initialAdmin, '/admin/verdict-changes');
    const trail = page.getByRole('list', { name: 'Verdict changes' });
    const entries = trail.locator(':scope > li');
    await entries.first().waitFor();
    expect(await entries.count()).toBe(50);
    await page.getByRole('button', { name: 'Older' }).click();
    await page.getByText('The first recorded verdict.').waitFor();
    // The demo's first evaluation: every product in every market.
    expect(await entries.count()).toBe(99);

    await page.getByLabel('Market').selectOption('US');
    await page.waitForURL(/[?&]market=US\b/);
    await trail.getByRole('link', { name: 'Mi 4 in United States' }).waitFor();
    await expect.poll(() => entries.count()).toBe(11);
    await trail.getByRole('link', { name: 'Mi 4 in United States' }).click();
    await verdict('Mi 4 in United States').waitFor();
  });
});
