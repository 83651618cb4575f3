import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { SHOTS, useBrowserApp } from '../support/browser.js';
import { logIn } from './login.js';

describe('web app', () => {
  const h = useBrowserApp();
  let app: TestApp;
  let page: Page;
  beforeEach(() => {
    ({ app, page } = h);
  });

  // A product card is an article headed by the product's name.
  const productCard = (name: string | RegExp) =>
    page.getByRole('article').filter({ has: page.getByRole('heading', { name, exact: true }) });

  it('the US storefront shows the power bank and not the phone', async () => {
    await page.goto(`${app.url}/us`);
    await productCard(/^Mi Power Bank/)
      .first()
      .waitFor();
    expect(await productCard('Mi 4').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/storefront-us.png`, fullPage: true });
  });

  it('shows prices formatted for the market: dollars in the US, "from" the cheapest variant', async () => {
    await page.goto(`${app.url}/us`);
    const plush = productCard('Mi Bunny Plush');
    await plush.getByText('From $19.99', { exact: true }).waitFor();
    await productCard('Mi Power Bank 10000').getByText('$29.99', { exact: true }).waitFor();
    await page.goto(`${app.url}/cn/products/mi-4`);
    await page.getByText('From ¥1,799.00', { exact: true }).waitFor();
    const variants = page.getByRole('region', { name: 'Variants' });
    expect(await variants.getByText('¥1,999.00').count()).toBe(2);
  });

  it('switching the market picker to CN shows the phone', async () => {
    await page.goto(`${app.url}/us`);
    await productCard(/^Mi Power Bank/)
      .first()
      .waitFor();
    // Found by its visible label: what a voice-control user says (WCAG 2.5.3).
    await page.getByRole('combobox', { name: 'Shipping to', exact: true }).selectOption('CN');
    await page.waitForURL(`${app.url}/cn`);
    await productCard('Mi 4').waitFor();
    expect(await productCard('Mi 4').count()).toBe(1);
    // On a phone the caption is hidden from sight, not from the name.
    await page.setViewportSize({ width: 390, height: 844 });
    const picker = page.getByRole('combobox', { name: 'Shipping to', exact: true });
    expect(await picker.isVisible()).toBe(true);
    expect(await page.getByText('Shipping to', { exact: true }).boundingBox()).toMatchObject({ width: 1, height: 1 });
  });

  it('remembers the chosen market for the next visit to the home page', async () => {
    await page.goto(`${app.url}/cn`);
    await productCard('Mi 4').waitFor();
    await page.goto(app.url);
    await page.waitForURL(`${app.url}/cn`);
  });

  it('a product not sold in the US says so, and why, in words for shoppers', async () => {
    await page.goto(`${app.url}/us/products/mi-4`);
    const panel = page.getByRole('region', { name: 'Availability' });
    await panel.getByText('Not available in United States').waitFor();
    expect(
      await panel
        .getByText(
          'Mi 4 cannot be bought in United States: it is not part of this market’s range; ' +
            'it is not yet certified for sale here; the services it needs are not yet available here',
          { exact: true },
        )
        .count(),
    ).toBe(1);
    expect(await panel.getByText(/FCC|assortment/i).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/product-mi-4-us.png`, fullPage: true });
  });

  it('a product staff have listed but that is still blocked gives only the reasons left', async () => {
    await app.inject({ method: 'PUT', url: '/api/admin/markets/US/assortment/mi-4' });
    try {
      await page.goto(`${app.url}/us/products/mi-4`);
      const panel = page.getByRole('region', { name: 'Availability' });
      await panel
        .getByText(
          'Mi 4 cannot be bought in United States: it is not yet certified for sale here; ' +
            'the services it needs are not yet available here',
          { exact: true },
        )
        .waitFor();
      expect(await panel.getByText(/range/).count()).toBe(0);
    } finally {
      // Put the demo back as it was for any test that runs after this one.
      await app.inject({ method: 'DELETE', url: '/api/admin/markets/US/assortment/mi-4' });
    }
  });

  it('a product page says how many of each variant are left', async () => {
    await page.goto(`${app.url}/us/products/mi-band`);
    const blue = page.getByRole('listitem').filter({ hasText: 'Blue' });
    await blue.getByText('Only 5 left').waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: 'Black' }).getByText('In stock').count()).toBe(1);
  });

  it('a link with an id that cannot be one leads to the page saying it was not found, once', async () => {
    const pages = [
      { path: '/us/orders/abc', heading: 'Order not found' },
      { path: '/us/orders/abc/pay', heading: 'Order not found' },
      { path: '/us/flash-sales/abc', heading: 'Sale not found' },
      { path: '/flash-sales/abc', heading: 'Sale not found' },
      // A well-formed id that names nothing says the same.
      { path: '/us/orders/00000000-0000-4000-8000-000000000000', heading: 'Order not found' },
    ];
    for (const { path, heading } of pages) {
      await page.goto(`${app.url}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      expect(await page.getByRole('alert').count(), path).toBe(0);
      expect(await page.getByText(/uuid|not valid/i).count(), path).toBe(0);
    }
  });

  it('an unknown market says we do not sell there', async () => {
    await page.goto(`${app.url}/zz`);
    await page.getByRole('heading', { name: "We don't sell in ZZ" }).waitFor();
    expect(await page.getByRole('link', { name: /United States/ }).count()).toBeGreaterThan(0);
  });

  it('the admin shell lists the markets', async () => {
    await logIn(page, app.url, app.initialAdmin);
    const nav = page.getByRole('navigation', { name: 'Admin' });
    for (const section of ['Overview', 'Products', 'Markets', 'Assortment', 'Users', 'Audit log']) {
      await nav.getByRole('link', { name: section, exact: true }).waitFor();
    }
    const overview = page.getByRole('table');
    await overview.getByRole('cell', { name: 'United States', exact: true }).waitFor();
    await overview.getByRole('cell', { name: /^China/ }).waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-overview.png`, fullPage: true });

    await nav.getByRole('link', { name: 'Markets', exact: true }).click();
    await page.waitForURL(`${app.url}/admin/markets`);
    await page.getByRole('rowheader', { name: 'United States', exact: true }).waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-markets.png`, fullPage: true });
  });

  it('unlisting a product in the admin assortment takes it off the storefront', async () => {
    await logIn(page, app.url, app.initialAdmin, '/admin/assortment?market=US');
    const band = page.getByRole('checkbox', { name: /^Mi Band\b/ });
    expect(await band.isChecked()).toBe(true);
    await band.uncheck();
    await page.getByRole('listitem').filter({ has: band }).getByText('Not listed').waitFor();

    await page.goto(`${app.url}/us`);
    await productCard(/^Mi Power Bank/)
      .first()
      .waitFor();
    expect(await productCard('Mi Band').count()).toBe(0);

    // Put the demo back as it was for any test that runs after this one.
    await page.goto(`${app.url}/admin/assortment?market=US`);
    await band.check();
    await page
      .getByRole('listitem')
      .filter({ has: band })
      .getByText(/^Listed/)
      .waitFor();
  });
});
