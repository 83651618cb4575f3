// The sale and its buyers, set up as staff and buyers would: stock and the sale through the admin
// API; registrations written straight to PostgreSQL (the register endpoint is rate-limited per
// address and emails a link), then each one confirmed through the public verify endpoint with the
// link's token, as a buyer opening the email does, so each engine learns of it its own way.

import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { connection, LOCATION, MARKET, SKU } from '../commerce/shopper.mjs';
import { get, HOST } from '../support/lifecycle.mjs';
import { fire } from './load.mjs';

export { LOCATION, MARKET, SKU };

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

export function adminClient(port, token) {
  const conn = connection(port);
  const headers = { authorization: `Bearer ${token}` };
  async function call(method, path, body, expected) {
    const response = await conn.request(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
    if (response.status !== expected) {
      throw new Error(`${method} ${path} answered ${response.status}: ${response.body.slice(0, 300)}`);
    }
    return JSON.parse(response.body);
  }
  return {
    setStock: (onHand) =>
      call('PUT', `/api/admin/inventory/${LOCATION}/${SKU}`, { onHand, reason: 'flash-sale benchmark stock' }, 200),
    /** A sale of the power bank in the US that starts far enough ahead to register everyone first. */
    createSale: ({ quantity, perCustomerLimit, paymentWindowSeconds, startsAt, endsAt }) =>
      call(
        'POST',
        '/api/admin/flash-sales',
        {
          market: MARKET,
          sku: SKU,
          location: LOCATION,
          price: 999,
          quantity,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          perCustomerLimit,
          registrationRequired: true,
          paymentWindowSeconds,
        },
        201,
      ),
    /** Before its start every term may change: the start is brought forward once everyone is registered. */
    setStart: (id, startsAt) =>
      call('PATCH', `/api/admin/flash-sales/${id}`, { startsAt: startsAt.toISOString() }, 200),
    close: () => conn.close(),
  };
}

/** n buyers, each with an address and the secret of their emailed link. */
export function makeBuyers(n) {
  return Array.from({ length: n }, (_, i) => {
    const token = randomBytes(24).toString('base64url');
    return { email: `buyer-${i}@bench.example.com`, token };
  });
}

/** Writes the buyers' registrations as the register endpoint does (unverified, the token's SHA-256), in chunks. */
async function insertRegistrations(databaseUrl, saleId, buyers) {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  await client.connect();
  try {
    const now = new Date();
    for (let i = 0; i < buyers.length; i += 5000) {
      const chunk = buyers.slice(i, i + 5000);
      await client.query(
        `insert into flash_sale_registrations (sale_id, email, token_hash, created_at)
         select $1, email, token_hash, $4 from unnest($2::text[], $3::text[]) as r(email, token_hash)`,
        [saleId, chunk.map((b) => b.email), chunk.map((b) => sha256(b.token)), now],
      );
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/** The sale as an instance serves it (its terms cache included). */
export async function saleOn(port, id) {
  const response = await get(port, `/api/store/flash-sales/${id}`, 5000);
  if (response.status !== 200)
    throw new Error(`GET /api/store/flash-sales/${id} on ${HOST}:${port} answered ${response.status}`);
  return JSON.parse(response.body);
}

/**
 * Registers the buyers: their rows written as `register` writes them, then each confirmed through
 * the verify endpoint with its token, spread over the instances. Throws unless every one is 200.
 */
export async function registerBuyers({ urls, databaseUrl, saleId, buyers }, connections) {
  const began = performance.now();
  await insertRegistrations(databaseUrl, saleId, buyers);
  const insertMs = performance.now() - began;
  const statuses = {};
  let lastAt = 0;
  await fire({
    urls,
    connections,
    amount: buyers.length,
    request: (i) => ({
      method: 'POST',
      path: `/api/store/flash-sales/${saleId}/registrations/verify`,
      body: JSON.stringify({ token: buyers[i].token }),
    }),
    onAnswer(_i, status, _body, _ms, at) {
      statuses[status] = (statuses[status] ?? 0) + 1;
      lastAt = Math.max(lastAt, at);
    },
  });
  if (statuses[200] !== buyers.length)
    throw new Error(`verifying the registrations answered ${JSON.stringify(statuses)}`);
  return {
    buyers: buyers.length,
    insertMs: Math.round(insertMs),
    verifyStatuses: statuses,
    verifyMs: Math.round(lastAt),
    verifiedPerSecond: (buyers.length / lastAt) * 1000,
  };
}
