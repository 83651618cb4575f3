// A shopper's purchase over HTTP, as the storefront makes it (see test/integration/checkout.test.ts):
// start a cart in the US, add one power bank, check out with an Idempotency-Key, pay with the
// test provider's success card. Four requests, each on the shopper's own keep-alive connection,
// each expected to answer one status; anything else fails the purchase with what it answered.

import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { HOST } from '../support/lifecycle.mjs';

export const MARKET = 'US';
/** The power bank; BENCH_SKUS can spread the shoppers over more of what us-nj stocks for the US. */
export const SKU = 'MIPB10K-SLV';
export const LOCATION = 'us-nj'; // the one location that serves the US in the demo data
export const STEPS = ['cart', 'item', 'checkout', 'payment'];

const PAYMENT = JSON.stringify({
  provider: 'test',
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
});
const checkoutBody = (email) =>
  JSON.stringify({
    email,
    shippingAddress: {
      name: 'Ana Lima',
      line1: '1 Market St',
      city: 'San Francisco',
      region: 'CA',
      postalCode: '94105',
      country: 'US',
    },
    shippingMethod: 'standard',
  });

export class PurchaseFailure extends Error {
  constructor(step, status, body) {
    super(`${step} answered ${status}: ${String(body).slice(0, 300)}`);
    this.step = step;
    this.status = status;
  }
}

/** One client: one keep-alive connection, one request at a time. */
export function connection(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  function request(method, path, body, headers = {}) {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.request(
        {
          host: HOST,
          port,
          method,
          path,
          agent,
          timeout: 10_000,
          headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk) => {
            text += chunk;
          });
          response.on('end', () =>
            resolve({
              status: response.statusCode,
              body: text,
              ms: performance.now() - started,
              end: performance.now(),
            }),
          );
          response.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout (10 s)')));
      req.on('error', reject);
      req.end(body);
    });
  }
  return { request, close: () => agent.destroy() };
}

/**
 * One purchase of one unit of the SKU on the connection; the email is the shopper's. Returns each
 * step's response time, the whole purchase's, and the paid order's id.
 */
export async function purchase(conn, email, sku = SKU) {
  const started = performance.now();
  const steps = {};
  const step = async (name, expected, method, path, body, headers) => {
    let response;
    try {
      response = await conn.request(method, path, body, headers);
    } catch (error) {
      throw new PurchaseFailure(name, 'no answer', error.message);
    }
    if (response.status !== expected) throw new PurchaseFailure(name, response.status, response.body);
    steps[name] = response.ms;
    return JSON.parse(response.body);
  };
  const cart = await step('cart', 201, 'POST', `/api/store/markets/${MARKET}/carts`, '{}');
  await step('item', 200, 'POST', `/api/store/carts/${cart.id}/items`, JSON.stringify({ sku, quantity: 1 }));
  const order = await step('checkout', 201, 'POST', `/api/store/carts/${cart.id}/checkout`, checkoutBody(email), {
    'idempotency-key': randomUUID(),
  });
  const paid = await step('payment', 201, 'POST', `/api/store/orders/${order.id}/payments`, PAYMENT);
  if (paid.status !== 'paid') throw new PurchaseFailure('payment', `201 with status ${paid.status}`, '');
  return { ms: performance.now() - started, end: performance.now(), steps, requests: STEPS.length, orderId: order.id };
}

/** The hello-world route with the same client, for comparison with autocannon's figure. */
export async function hello(conn) {
  const response = await conn.request('GET', '/');
  if (response.status !== 200) throw new PurchaseFailure('hello', response.status, response.body);
  return { ms: response.ms, end: response.end, steps: {}, requests: 1 };
}
