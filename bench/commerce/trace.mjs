// Where a purchase's time goes, statement by statement: the compiled app in this process on a
// fresh PostgreSQL database, with every query the pg driver sends counted and timed, while one
// shopper makes purchases one after another (no concurrency, so no lock waits: the floor).
//
//   node bench/commerce/trace.mjs              # 200 purchases; BENCH_TRACE_PURCHASES=N for more
//
// It prints, per step of the purchase, the statements and transactions it sends and the time
// spent waiting for PostgreSQL versus the rest, then the statements by table. It needs dist/
// (npm run build:server) and PostgreSQL at BENCH_PG_URL; the database is dropped at the end.

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { cleanup, cleanupOnSignals, log, trackTempDir } from '../support/lifecycle.mjs';
import { fmt } from '../support/report.mjs';
import { ensureBuild, freshDatabase } from '../support/server.mjs';
import { buildEnv, intEnv, pgAdminUrlEnv } from '../support/settings.mjs';
import { LOCATION, SKU, STEPS } from './shopper.mjs';

const purchases = intEnv('BENCH_TRACE_PURCHASES', 200, 1, 100_000);
const pgAdminUrl = pgAdminUrlEnv();
const build = buildEnv();
cleanupOnSignals();

// Every statement the app sends goes through pg.Client#query (the pool's and a transaction's).
let step;
const stats = new Map(); // step -> { statements, transactions, dbMs, wallMs, inFlight, since, byTable: Map }
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function query(config, values, callback) {
  const text = typeof config === 'string' ? config : config?.text;
  const s = step && stats.get(step);
  if (!s) return originalQuery.call(this, config, values, callback);
  s.statements++;
  if (/^\s*begin/i.test(text)) s.transactions++;
  const what = statementKind(text);
  s.byTable.set(what, (s.byTable.get(what) ?? 0) + 1);
  // Time with at least one statement outstanding: statements sent together overlap.
  if (s.inFlight++ === 0) s.since = performance.now();
  const done = () => {
    if (--s.inFlight === 0) s.dbMs += performance.now() - s.since;
  };
  // The pool passes a callback (as the last argument); a transaction's client awaits a promise.
  if (typeof callback === 'function' || typeof values === 'function') {
    const timed = (fn) =>
      function answered(...args) {
        done();
        return fn.apply(this, args);
      };
    return typeof callback === 'function'
      ? originalQuery.call(this, config, values, timed(callback))
      : originalQuery.call(this, config, timed(values));
  }
  const result = originalQuery.call(this, config, values, callback);
  return typeof result?.then === 'function' ? result.finally(done) : result;
};

function statementKind(text = '') {
  // What a statement does is said outside its parentheses: subqueries and CTE bodies are set aside,
  // and the writes a CTE makes are named after the main statement ("insert order_lines + insert order_events").
  const bodies = [];
  let outer = text;
  for (let inner = /\(([^()]*)\)/; inner.test(outer); ) {
    outer = outer.replace(inner, (_, body) => {
      bodies.push(body);
      return ' ';
    });
  }
  outer = outer.replace(/^\s*with\s+(?:"?\w+"?\s+as\s*,?\s*)+/i, '');
  const kind = (sql) => {
    const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? '?';
    const table =
      /^\s*(?:insert into|update|delete from)\s+"?(\w+)"?/i.exec(sql)?.[1] ?? /\bfrom\s+"?(\w+)"?/i.exec(sql)?.[1];
    const lock = /\bfor (update|share|no key update)\b/i.exec(sql)?.[0]?.toLowerCase();
    return [verb, table, lock].filter(Boolean).join(' ');
  };
  const writes = /^\s*with\b/i.test(text)
    ? bodies.filter((b) => /^\s*(insert|update|delete)\b/i.test(b)).map((b) => ` + ${kind(b)}`)
    : [];
  return kind(outer) + writes.join('');
}

async function main() {
  ensureBuild(build);
  const { createPlatform } = await import('../../dist/app.js');
  const { loadConfig } = await import('../../dist/config.js');
  const workDir = mkdtempSync(join(os.tmpdir(), 'marketgate-bench-'));
  trackTempDir(workDir);
  const database = await freshDatabase('postgres', workDir, pgAdminUrl);
  if (database.skipped) throw new Error(database.skipped);
  const platform = await createPlatform(loadConfig({ ...database.env, LOG_LEVEL: 'silent', PORT: '0' }));
  try {
    const { secret } = await platform.services.accounts.createToken({ name: 'trace', role: 'admin' }, null);
    const admin = { authorization: `Bearer ${secret}` };
    const stocked = await platform.http.inject({
      method: 'PUT',
      url: `/api/admin/inventory/${LOCATION}/${SKU}`,
      headers: admin,
      payload: { onHand: 10_000_000 },
    });
    if (stocked.statusCode !== 200) throw new Error(`stock: ${stocked.statusCode} ${stocked.body}`);
    await platform.http.inject({ method: 'GET', url: '/api/store/markets/US/products' });

    for (const name of STEPS)
      stats.set(name, {
        statements: 0,
        transactions: 0,
        dbMs: 0,
        wallMs: 0,
        inFlight: 0,
        since: 0,
        byTable: new Map(),
      });
    const call = async (name, url, payload, expected, headers = {}) => {
      step = name;
      const started = performance.now();
      const response = await platform.http.inject({ method: 'POST', url, payload, headers });
      stats.get(name).wallMs += performance.now() - started;
      step = undefined;
      if (response.statusCode !== expected) throw new Error(`${name}: ${response.statusCode} ${response.body}`);
      return response.json();
    };
    log(`tracing ${purchases} purchases, one after another`);
    for (let i = 0; i < purchases; i++) {
      const cart = await call('cart', '/api/store/markets/US/carts', {}, 201);
      await call('item', `/api/store/carts/${cart.id}/items`, { sku: SKU, quantity: 1 }, 200);
      const order = await call(
        'checkout',
        `/api/store/carts/${cart.id}/checkout`,
        {
          email: 'trace@example.com',
          shippingAddress: {
            name: 'Ana Lima',
            line1: '1 Market St',
            city: 'San Francisco',
            region: 'CA',
            postalCode: '94105',
            country: 'US',
          },
          shippingMethod: 'standard',
        },
        201,
        { 'idempotency-key': `trace-${i}` },
      );
      await call(
        'payment',
        `/api/store/orders/${order.id}/payments`,
        { provider: 'test', card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' } },
        201,
      );
    }
  } finally {
    await platform.close();
  }
  print();
}

function print() {
  const per = (n) => n / purchases;
  const total = { statements: 0, transactions: 0, dbMs: 0, wallMs: 0 };
  const rows = [
    `Per purchase (mean of ${purchases}, one shopper, app in-process on PostgreSQL, requests injected without sockets):`,
    '',
    '| step | statements | transactions | waiting for PostgreSQL, ms | the rest (app), ms | total, ms |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const [name, s] of stats) {
    for (const k of Object.keys(total)) total[k] += s[k];
    rows.push(
      `| ${name} | ${fmt(per(s.statements), 1)} | ${fmt(per(s.transactions), 1)} | ${fmt(per(s.dbMs), 2)} | ` +
        `${fmt(per(s.wallMs - s.dbMs), 2)} | ${fmt(per(s.wallMs), 2)} |`,
    );
  }
  rows.push(
    `| **purchase** | **${fmt(per(total.statements), 1)}** | **${fmt(per(total.transactions), 1)}** | ` +
      `**${fmt(per(total.dbMs), 2)}** | **${fmt(per(total.wallMs - total.dbMs), 2)}** | **${fmt(per(total.wallMs), 2)}** |`,
  );
  rows.push(
    '',
    'Statements per purchase, by step and kind:',
    '',
    '| step | statement | per purchase |',
    '|---|---|---:|',
  );
  for (const [name, s] of stats) {
    for (const [what, count] of [...s.byTable].sort((a, b) => b[1] - a[1])) {
      rows.push(`| ${name} | ${what} | ${fmt(per(count), 1)} |`);
    }
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

try {
  await main();
} catch (error) {
  log(`failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
