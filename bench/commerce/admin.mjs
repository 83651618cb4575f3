// Staff's side of the benchmark, through the admin API with an API token: stock for the SKUs
// bought before the load, and afterwards the checks that the load sold what it says it sold.

import { connection, LOCATION, MARKET } from './shopper.mjs';

export function adminClient(port, token) {
  const conn = connection(port);
  const headers = { authorization: `Bearer ${token}` };
  async function call(method, path, body, expected = 200) {
    const response = await conn.request(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
    if (response.status !== expected) {
      throw new Error(`${method} ${path} answered ${response.status}: ${response.body.slice(0, 300)}`);
    }
    return JSON.parse(response.body);
  }
  return {
    /** Sets the units on hand of a SKU in the US warehouse. */
    setStock: (sku, onHand) =>
      call('PUT', `/api/admin/inventory/${LOCATION}/${sku}`, { onHand, reason: 'benchmark stock' }),
    stock: (sku) => call('GET', `/api/admin/inventory/${LOCATION}/${sku}`),
    /** Every stock level, all locations. */
    allStock: async () => (await call('GET', '/api/admin/inventory')).levels,
    /**
     * The ids of every order in the status. The list pages by createdAt strictly before a date,
     * and many orders share a millisecond under load: each page asks from 1 ms after the last
     * one's createdAt and the ids are deduplicated, so no order falls between two pages.
     */
    async orderIds(status) {
      const ids = new Set();
      let before;
      for (;;) {
        const query = new URLSearchParams({ market: MARKET, status, limit: '200' });
        if (before) query.set('before', before);
        const { orders } = await call('GET', `/api/admin/orders?${query}`);
        const size = ids.size;
        for (const order of orders) ids.add(order.id);
        if (orders.length < 200) return ids;
        if (ids.size === size) throw new Error(`more than 200 ${status} orders share the createdAt ${before}`);
        before = new Date(new Date(orders.at(-1).createdAt).getTime() + 1).toISOString();
      }
    },
    close: () => conn.close(),
  };
}

/**
 * The checks after the load: every purchase the load counted as paid is a paid order, and no
 * other order is; the stock of the SKUs bought went down by exactly that many units and holds
 * nothing back, and no level anywhere went negative. onHandBefore: SKU -> units before the load.
 */
export async function verify(admin, { purchased, onHandBefore }) {
  const paid = await admin.orderIds('paid');
  const pending = await admin.orderIds('pending_payment');
  const stock = await Promise.all([...onHandBefore.keys()].map((sku) => admin.stock(sku)));
  const levels = await admin.allStock();
  const missing = [...purchased].filter((id) => !paid.has(id)).length;
  const unexpected = [...paid].filter((id) => !purchased.has(id)).length;
  const negative = levels.filter((l) => l.onHand < 0 || l.reserved < 0 || l.available < 0);
  const sum = (values) => values.reduce((a, b) => a + b, 0);
  const before = sum([...onHandBefore.values()]);
  const after = sum(stock.map((s) => s.onHand));
  const reserved = sum(stock.map((s) => s.reserved));
  const result = {
    purchasesCounted: purchased.size,
    paidOrders: paid.size,
    pendingPaymentOrders: pending.size,
    paidNotCounted: unexpected,
    countedNotPaid: missing,
    stock: { skus: [...onHandBefore.keys()], onHandBefore: before, onHandAfter: after, reserved },
    unitsSold: before - after,
    levelsChecked: levels.length,
    negativeLevels: negative.map((l) => `${l.location}/${l.sku}: ${l.onHand} on hand, ${l.reserved} reserved`),
  };
  result.ok =
    missing === 0 &&
    unexpected === 0 &&
    result.unitsSold === paid.size &&
    reserved === pending.size &&
    negative.length === 0;
  return result;
}
