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
    await page.getByLabel('Market', { exact: true }).selectOption('CN');
    await page.waitForURL(`${app.url}/cn`);
    await productCard('Mi 4').waitFor();
    expect(await productCard('Mi 4').count()).toBe(1);
  });

  it('remembers the chosen market for the next visit to the home page', async () => {
    await page.goto(`${app.url}/cn`);
    await productCard('Mi 4').waitFor();
    await page.goto(app.url);
    await page.waitForURL(`${app.url}/cn`);
  });

  it('a product not sold in the US says so, in words for shoppers', async () => {
    await page.goto(`${app.url}/us/products/mi-4`);
    const panel = page.getByRole('region', { name: 'Availability' });
    await panel.getByText('Not available in United States').waitFor();
    expect(await panel.getByText('This product is not sold in this market yet.').count()).toBe(1);
    expect(await panel.getByText(/FCC|assortment/i).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/product-mi-4-us.png`, fullPage: true });
  });

  it('a product page says how many of each variant are left', async () => {
    await page.goto(`${app.url}/us/products/mi-band`);
    const blue = page.getByRole('listitem').filter({ hasText: 'Blue' });
    await blue.getByText('Only 5 left').waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: 'Black' }).getByText('In stock').count()).toBe(1);
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
