import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/platform/clock.js';
import { DEMO_DAY, type TestApp } from '../support/app.js';
import { SHOTS, useBrowserApp } from '../support/browser.js';
import { logIn } from './login.js';

// A launch sale in the web app, on the demo scenario: two power banks in the US for registered
// buyers, one each. A buyer registers, opens the emailed link, buys at the start, checks out and
// pays; a second try is over the limit; another buyer takes the last unit and the page says sold out.
// The app's clock and the browser's are moved together.

const MINUTE = 60_000;
const at = (minutes: number) => new Date(new Date(DEMO_DAY).getTime() + minutes * MINUTE).toISOString();
const START = at(10);
const POWER_BANK = 'MIPB10K-SLV';
const ADDRESS = { name: 'Ana Lima', line1: '1 Market St', city: 'San Francisco', region: 'CA', postalCode: '94105' };
const SUCCESS_CARD = '4242 4242 4242 4242';

const clock = manualClock(DEMO_DAY);

/** An instant as a datetime-local control takes it, in this machine's zone (the browser's too). */
const localInput = (iso: string) => {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
};

describe('a flash sale in the web app', () => {
  const h = useBrowserApp({ clock });
  let app: TestApp;
  let page: Page;
  beforeEach(() => {
    ({ app, page } = h);
  });

  async function screenshot(name: string): Promise<void> {
    await page.mouse.move(0, 0);
    await page.evaluate('document.activeElement?.blur(); window.scrollTo(0, 0)');
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  /** As staff (the app's admin token) unless headers are given: {} is a shopper. */
  async function post(url: string, payload: object, headers?: Record<string, string>) {
    const response = await app.inject({ method: 'POST', url, payload, ...(headers ? { headers } : {}) });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  }

  /** The path and query of the newest registration link emailed to the address (read from the outbox). */
  async function emailedLink(to: string): Promise<string> {
    const { messages } = (await app.inject({ method: 'GET', url: '/api/admin/outbox' })).json();
    const email = messages.find(
      (m: { kind: string; to: string }) => m.kind === 'flash-sale-registration' && m.to === to,
    );
    const link = /\/flash-sales\/[0-9a-f-]{36}\?registration=[\w-]+/.exec(email?.text ?? '')?.[0];
    expect(link, `no registration link emailed to ${to}`).toBeDefined();
    return link!;
  }

  it('registers, buys one at the start, pays, is held to the limit, and sees the sale sell out', async () => {
    clock.set(DEMO_DAY);
    await page.clock.install({ time: DEMO_DAY });
    const sale = await post('/api/admin/flash-sales', {
      market: 'US',
      sku: POWER_BANK,
      price: 1499,
      quantity: 2,
      startsAt: START,
      endsAt: at(70),
      perCustomerLimit: 1,
      registrationRequired: true,
      paymentWindowSeconds: 900,
    });

    // Shoppers find the sale where they shop: announced on the market page and the product page.
    await page.goto(`${app.url}/us/products/mi-power-bank-10000`);
    await page
      .getByRole('region', { name: 'Launch sales' })
      .getByRole('link', { name: /Launch sale: Mi Power Bank 10000 Silver at \$14\.99/ })
      .waitFor();
    await page.goto(`${app.url}/us`);
    await page
      .getByRole('region', { name: 'Launch sales' })
      .getByRole('link', { name: /Registration open.*Mi Power Bank 10000 Silver/ })
      .click();
    await page.waitForURL(`${app.url}/us/flash-sales/${sale.id}`);
    await page.getByRole('heading', { name: 'Mi Power Bank 10000' }).waitFor();
    // The market by its name, as on every other page.
    await page
      .getByRole('navigation', { name: 'Breadcrumb' })
      .getByRole('link', { name: 'Mi Store United States', exact: true })
      .waitFor();
    await page.locator('.sale-status').getByText('Registration open').waitFor();
    await page.getByText('2 of 2 left').waitFor();
    const register = page.getByRole('form', { name: 'Register for the sale' });
    await register.getByLabel('Email').fill('ana@example.com');
    await register.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('status').getByText('We emailed you a link').waitFor();
    await screenshot('flash-sale-registration');

    // The emailed link names no market: it leads to the sale's page in its market, which confirms it.
    await page.goto(`${app.url}${await emailedLink('ana@example.com')}`);
    await page.getByText("You're registered as ana@example.com").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/us/flash-sales/${sale.id}`);
    expect(new URL(page.url()).searchParams.has('registration')).toBe(false);

    // Another buyer registers too, elsewhere.
    await post(`/api/store/flash-sales/${sale.id}/registrations`, { email: 'bo@example.com' }, {});
    const token = new URL(await emailedLink('bo@example.com'), app.url).searchParams.get('registration')!;
    await post(`/api/store/flash-sales/${sale.id}/registrations/verify`, { token }, {});

    clock.set(START);
    await page.clock.setSystemTime(START);
    const buy = page.getByRole('form', { name: 'Buy in the sale' });
    expect(await buy.getByLabel('Email').inputValue()).toBe('ana@example.com');
    await buy.getByRole('button', { name: 'Buy one for $14.99' }).click();
    await buy.getByText(/^One unit is yours until \d{1,2}:\d{2}/).waitFor();
    // Held counts against the limit of one as much as bought does.
    expect(await buy.getByRole('button', { name: 'Limit reached' }).isDisabled()).toBe(true);
    await page.locator('.sale-status').getByText('On sale now').waitFor();
    await page.getByText('1 of 2 left').waitFor();
    await screenshot('flash-sale-live');

    await buy.getByRole('link', { name: 'Check out' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    const checkout = page.getByRole('form', { name: 'Checkout' });
    await checkout.getByLabel('Full name').fill(ADDRESS.name);
    await checkout.getByLabel('Street address').fill(ADDRESS.line1);
    await checkout.getByLabel('City').fill(ADDRESS.city);
    await checkout.getByLabel('State').selectOption(ADDRESS.region);
    await checkout.getByLabel('ZIP code').fill(ADDRESS.postalCode);
    await screenshot('flash-sale-checkout');
    await checkout.getByRole('button', { name: 'Continue to payment' }).click();

    await page.getByRole('heading', { name: 'Payment' }).waitFor();
    const orderId = new URL(page.url()).pathname.split('/')[3]!;
    const card = page.getByRole('form', { name: 'Pay by card' });
    await card.getByLabel('Card number').fill(SUCCESS_CARD);
    await card.getByLabel('Expiry month').selectOption('12');
    await card.getByLabel('Expiry year').selectOption('2030');
    await card.getByLabel('Security code (CVC)').fill('123');
    await card.getByRole('button', { name: /^Pay \$/ }).click();
    await page.getByRole('heading', { name: 'Thank you! Your order is confirmed' }).waitFor();
    const order = (await app.inject({ method: 'GET', url: `/api/store/orders/${orderId}` })).json();
    expect(order).toMatchObject({
      status: 'paid',
      email: 'ana@example.com',
      lines: [{ sku: POWER_BANK, unitPrice: 1499 }],
    });

    // A second unit for the same buyer is over the limit of one: the page does not offer it.
    await page.goto(`${app.url}/us/flash-sales/${sale.id}`);
    await buy.getByText('You bought one in this sale').waitFor();
    const limited = buy.getByRole('button', { name: 'Limit reached' });
    expect(await limited.isDisabled()).toBe(true);
    const describedBy = await limited.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(
      'You have reached the limit for this sale: each buyer may hold or buy 1 unit.',
    );
    expect(await buy.getByRole('button', { name: /^Buy another/ }).count()).toBe(0);
    // Another address is another buyer, with a limit of its own.
    await buy.getByLabel('Email').fill('cy@example.com');
    await buy.getByRole('button', { name: 'Buy another for $14.99' }).waitFor();
    await buy.getByLabel('Email').fill('ana@example.com');
    await limited.waitFor();
    await screenshot('flash-sale-limit-reached');

    // Another registered buyer (registered before the start) takes the last unit; the open page follows.
    await post(
      `/api/store/flash-sales/${sale.id}/purchase`,
      { email: 'bo@example.com', registrationToken: token },
      { 'idempotency-key': 'bo-1' },
    );
    await page.locator('.sale-status').getByText('Sold out', { exact: true }).waitFor();
    await page.getByText('None of 2 left').waitFor();
    expect(await buy.getByRole('button', { name: 'Sold out' }).isDisabled()).toBe(true);
    await screenshot('flash-sale-sold-out');

    await logIn(page, app.url, app.initialAdmin, `/admin/flash-sales?sale=${sale.id}`);
    const counts = page.getByRole('list', { name: 'Counts' });
    await counts.getByText('Paid', { exact: true }).waitFor();
    expect(await counts.getByRole('listitem').allInnerTexts()).toEqual([
      '0\nRemaining',
      '1\nHeld, paying now',
      '1\nPaid',
      '0\nExpired unpaid',
    ]);
    await page.getByRole('img', { name: /^Admissions per second/ }).waitFor();
    await screenshot('flash-sale-admin');
  });

  it('lets staff create a sale, with the refusal of a bad end shown next to its field', async () => {
    clock.set(DEMO_DAY);
    await logIn(page, app.url, app.initialAdmin, '/admin/flash-sales');
    await page.getByRole('button', { name: 'New sale' }).click();
    const form = page.getByRole('form', { name: 'Create a sale' });
    // An empty submit flags every missing field at once.
    await form.getByRole('button', { name: 'Create the sale' }).click();
    const errorOf = (label: string | RegExp) =>
      form
        .locator('.field')
        .filter({ has: page.getByLabel(label) })
        .locator('.field__error');
    await errorOf('Market').getByText('Choose a market.').waitFor();
    expect(await errorOf('Product variant').textContent()).toBe('Choose a product variant.');
    expect(await errorOf(/^Sale price/).textContent()).toBe('Enter the sale price.');
    expect(await errorOf('Units').textContent()).toBe('Enter how many units are for sale.');
    expect(await errorOf(/^Starts/).textContent()).toBe('Enter when the sale starts.');
    expect(await errorOf(/^Ends/).textContent()).toBe('Enter when the sale ends.');
    expect(await form.getByLabel('Units').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Market').selectOption('US');
    await form.getByLabel('Product variant').selectOption(POWER_BANK);
    await form.getByLabel('Sale price (USD)').fill('19.50');
    await form.getByLabel('Units').fill('3');
    await form.getByLabel(/^Starts/).fill(localInput(at(120)));
    await form.getByLabel(/^Ends/).fill(localInput(at(60)));
    await form.getByRole('button', { name: 'Create the sale' }).click();
    const ends = form.getByLabel(/^Ends/);
    await page
      .locator('.field')
      .filter({ has: page.getByLabel(/^Ends/) })
      .getByText('must be after startsAt')
      .waitFor();
    expect(await ends.getAttribute('aria-invalid')).toBe('true');

    await ends.fill(localInput(at(180)));
    await form.getByRole('button', { name: 'Create the sale' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const row = page.getByRole('table', { name: 'Flash sales' }).getByRole('row').filter({ hasText: '$19.50' });
    await row.getByText('Registration open').waitFor();
    expect(await row.getByRole('cell').last().textContent()).toContain('3 / 0 / 0');
  });
});
