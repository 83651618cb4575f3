import { sql } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { SHOTS, useBrowserApp } from '../support/browser.js';
import { logIn } from './login.js';

// A shopper's purchase through the web app, on the demo scenario: the power bank in the US market,
// a California address, the test provider's cards; then staff ship it from the admin console.

const POWER_BANK = 'MIPB10K-SLV';
const ADDRESS = { name: 'Ana Lima', line1: '1 Market St', city: 'San Francisco', region: 'CA', postalCode: '94105' };
const SUCCESS_CARD = '4242 4242 4242 4242';
const DECLINE_CARD = '4000 0000 0000 0002';

describe('a purchase in the web app', () => {
  const h = useBrowserApp();
  let app: TestApp;
  let page: Page;
  beforeEach(() => {
    ({ app, page } = h);
  });

  /** A whole-page picture as a visitor arriving sees it: from the top, nothing hovered or focused. */
  async function screenshot(name: string): Promise<void> {
    await page.mouse.move(0, 0);
    // Evaluated in the page, whose DOM this file is not typed for.
    await page.evaluate('document.activeElement?.blur(); window.scrollTo(0, 0)');
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  /** The form field wrapped around a control: its inline error sits beside the control. */
  const fieldOf = (control: Locator) => page.locator('.field').filter({ has: control });

  async function addPowerBank(): Promise<void> {
    await page.goto(`${app.url}/us/products/mi-power-bank-10000`);
    const buy = page.getByRole('form', { name: 'Buy Mi Power Bank 10000 Silver' });
    await buy.getByRole('button', { name: 'Add to cart' }).click();
    await buy.getByRole('status').getByText('Added to your cart').waitFor();
    await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor();
  }

  async function fillCheckout(postalCode: string): Promise<void> {
    const form = page.getByRole('form', { name: 'Checkout' });
    await form.getByLabel('Email').fill('ana@example.com');
    await form.getByLabel('Full name').fill(ADDRESS.name);
    await form.getByLabel('Street address').fill(ADDRESS.line1);
    await form.getByLabel('City').fill(ADDRESS.city);
    await form.getByLabel('State').selectOption(ADDRESS.region);
    await form.getByLabel('ZIP code').fill(postalCode);
  }

  /** A power bank checked out to the US address: the order's id, on its payment page. */
  async function orderAwaitingPayment(): Promise<string> {
    await addPowerBank();
    await page.goto(`${app.url}/us/checkout`);
    await fillCheckout(ADDRESS.postalCode);
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.getByRole('heading', { name: 'Payment' }).waitFor();
    return new URL(page.url()).pathname.split('/')[3]!;
  }

  async function payWith(number: string): Promise<void> {
    const form = page.getByRole('form', { name: 'Pay by card' });
    await form.getByLabel('Card number').fill(number);
    await form.getByLabel('Expiry month').selectOption('12');
    await form.getByLabel('Expiry year').selectOption('2030');
    await form.getByLabel('Security code (CVC)').fill('123');
    await form.getByRole('button', { name: /^Pay \$/ }).click();
  }

  it('buys the power bank with the success card, after the ZIP code is corrected next to its field', async () => {
    await addPowerBank();
    await page.getByRole('link', { name: 'Cart, 1 item' }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    const cartTotals = page.getByRole('definition').filter({ hasText: 'Calculated at checkout' });
    expect(await cartTotals.count()).toBe(2); // shipping and US sales tax: both need the address

    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await fillCheckout('9410');
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    const zip = page.getByLabel('ZIP code');
    await fieldOf(zip).getByText('"9410" is not a ZIP code of the United States').waitFor();
    expect(await zip.getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toBe(`${app.url}/us/checkout`);

    await zip.fill(ADDRESS.postalCode);
    const summary = page.getByRole('complementary').filter({ has: page.getByRole('heading', { name: 'Your order' }) });
    await summary.getByText('CA sales tax 7.25%').waitFor();
    await summary.getByText('Shipping (Standard delivery)').waitFor();
    expect(await fieldOf(zip).locator('.field__error').count()).toBe(0);
    await screenshot('checkout');

    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.getByRole('heading', { name: 'Payment' }).waitFor();
    const fineprint = await page.locator('.card-form__test').textContent();
    expect(fineprint).toContain('Test mode');
    expect(fineprint).toContain(SUCCESS_CARD);
    await payWith(SUCCESS_CARD);

    await page.getByRole('heading', { name: 'Thank you! Your order is confirmed' }).waitFor();
    const facts = page.getByRole('definition');
    await facts.getByText('Paid', { exact: true }).waitFor();
    const number = await page.locator('.order-facts__number').textContent();
    expect(number).toMatch(/^US-\d{6}$/);
    expect(page.url()).toMatch(new RegExp(`^${app.url}/us/orders/[0-9a-f-]{36}$`));
    // The cart became the order: the next visit starts an empty one.
    await page.getByRole('link', { name: 'Cart, 0 items' }).waitFor();
    await screenshot('order-confirmation');
  });

  it('says the decline card was declined and leaves the order open for another card', async () => {
    const orderId = await orderAwaitingPayment();

    await payWith(DECLINE_CARD);
    const alert = page.getByRole('alert').filter({ hasText: 'The card was declined' });
    await alert.getByText('your order is still open').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/us/orders/${orderId}/pay`);
    const stored = await app.inject({ method: 'GET', url: `/api/store/orders/${orderId}` });
    expect(stored.json()).toMatchObject({ status: 'pending_payment' });

    await payWith(SUCCESS_CARD);
    await page.getByRole('heading', { name: 'Thank you! Your order is confirmed' }).waitFor();
  });

  it('opens an order under its own market, whatever market its address names', async () => {
    const orderId = await orderAwaitingPayment();
    const picker = page.getByRole('combobox', { name: 'Shipping to' });

    await page.goto(`${app.url}/jp/orders/${orderId}/pay`);
    await page.waitForURL(`${app.url}/us/orders/${orderId}/pay`);
    await page.getByRole('heading', { name: 'Payment' }).waitFor();
    await payWith(SUCCESS_CARD);
    await page.getByRole('heading', { name: 'Thank you! Your order is confirmed' }).waitFor();

    await page.goto(`${app.url}/jp/orders/${orderId}?from=email`);
    await page.waitForURL(`${app.url}/us/orders/${orderId}?from=email`);
    await page.getByRole('heading', { name: 'Thank you! Your order is confirmed' }).waitFor();
    expect(await picker.inputValue()).toBe('US');
  });

  it('shows staff the paid order in the admin orders page, and fulfils it', async () => {
    const number = await paidOrderByApi(app);
    await logIn(page, app.url, app.initialAdmin, '/admin/orders');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: number }) });
    await row.getByText('Paid', { exact: true }).waitFor();
    await screenshot('admin-orders');

    await row.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: `Order ${number}` }).waitFor();
    await page.getByRole('table', { name: 'Payments' }).getByText('Visa ···· 4242').waitFor();
    await page.getByRole('button', { name: 'Mark fulfilled (shipped)' }).click();
    await page.getByRole('button', { name: 'Mark delivered' }).waitFor();
    const history = page.getByRole('table', { name: 'Order history' });
    await history
      .getByRole('row')
      .filter({ hasText: 'Fulfilled (shipped)' })
      .getByText(app.initialAdmin.email)
      .waitFor();
    const stored = await app.inject({ method: 'GET', url: `/api/admin/orders?email=bo@example.com` });
    expect(stored.json().orders[0]).toMatchObject({ number, status: 'fulfilled' });
  });

  it('takes a notify-me request for the phone, shows staff the demand, and unsubscribes from the link', async () => {
    await page.goto(`${app.url}/us/products/mi-4`);
    const form = page.getByRole('form', { name: 'Notify me' });
    await form.getByLabel('Email', { exact: true }).fill('cy@example.com');
    await screenshot('notify-me-form');
    await form.getByRole('button', { name: 'Notify me' }).click();
    // The consent box must be ticked: the browser holds the form back until it is.
    const consent = form.getByRole('checkbox');
    expect(await consent.evaluate((box: { validity: { valueMissing: boolean } }) => box.validity.valueMissing)).toBe(
      true,
    );
    await consent.check();
    await form.getByRole('button', { name: 'Notify me' }).click();
    await page.getByRole('status').getByText("We'll email cy@example.com once, when it can be bought in").waitFor();
    await screenshot('notify-me');

    await logIn(page, app.url, app.initialAdmin, '/admin/demand');
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Mi 4' }) });
    // allInnerTexts() does not wait: the demand table loads after the page.
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(['US', '1', '0', 'See the verdict']);
    await screenshot('admin-demand');
    await row.getByRole('link', { name: 'See the verdict' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/readiness' && url.searchParams.get('cell') === 'mi-4.US');

    // The token only ever travels in the email; read it from the table for the test.
    const result = await app.platform.database.db.execute(
      sql`select token from notify_requests where email = 'cy@example.com'`,
    );
    const [request] = (result as unknown as { rows: Array<{ token: string }> }).rows;
    await page.goto(`${app.url}/unsubscribe?token=${request?.token}`);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('status').getByText("Done: we won't email you about this product.").waitFor();
    const demand = (await app.inject({ method: 'GET', url: '/api/admin/notify/demand' })).json().demand;
    expect(demand.filter((d: { product: { slug: string } }) => d.product.slug === 'mi-4')).toEqual([]);

    await page.goto(`${app.url}/unsubscribe?token=not-a-real-token-at-all`);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('alert').getByText("This link doesn't work").waitFor();
  });
});

/** A paid order placed over the store API, as another shopper's browser would. */
async function paidOrderByApi(app: TestApp): Promise<string> {
  const post = async (url: string, payload: object, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'POST', url, payload, headers });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const cart = await post('/api/store/markets/US/carts', {});
  await post(`/api/store/carts/${cart.id}/items`, { sku: POWER_BANK, quantity: 1 });
  const order = await post(
    `/api/store/carts/${cart.id}/checkout`,
    { email: 'bo@example.com', shippingAddress: { ...ADDRESS, country: 'US' }, shippingMethod: 'standard' },
    { 'idempotency-key': `browser-test-${cart.id}` },
  );
  const card = { number: SUCCESS_CARD, expMonth: 12, expYear: 2030, cvc: '123' };
  await post(`/api/store/orders/${order.id}/payments`, { provider: 'test', card });
  return order.number;
}
