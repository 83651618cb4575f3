import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';

// The three-gate verdict on the demo launch scenario, through the admin and store APIs.

const clock = manualClock('2026-11-24T12:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ listen: false, clock });
});
afterAll(() => t.close());

const get = async (url: string) => (await t.inject({ method: 'GET', url })).json();
const usSlugs = async () =>
  (await get('/api/store/markets/US/products')).products.map((p: { slug: string }) => p.slug).sort();
const gate = (verdict: { gates: Array<{ gate: string }> }, name: string) =>
  verdict.gates.find((g) => g.gate === name) as unknown as {
    open: boolean;
    reason: string;
    findings: Array<Record<string, unknown>>;
  };

describe('readiness verdicts on the demo scenario', () => {
  it('lists in the US exactly the sellable products: the accessories', async () => {
    expect(await usSlugs()).toEqual([
      'mi-band',
      'mi-bluetooth-earphones',
      'mi-bunny-plush',
      'mi-in-ear-headphones',
      'mi-power-bank-10000',
      'mi-power-bank-20000',
    ]);
  });

  it('blocks the phone in the US by all three gates, naming rules with citations and deployments', async () => {
    const { verdict } = await get('/api/admin/readiness/mi-4/US');
    expect(verdict.sellable).toBe(false);
    expect(verdict.gates.map((g: { gate: string; open: boolean }) => [g.gate, g.open])).toEqual([
      ['assortment', false],
      ['compliance', false],
      ['ecosystem', false],
    ]);
    const fcc = gate(verdict, 'compliance').findings.find((f) => f.subject === 'US.FCC.CERTIFICATION');
    expect(fcc).toMatchObject({ ok: false, citation: expect.stringContaining('47 CFR') });
    expect(gate(verdict, 'ecosystem').reason).toContain('app-store');
    expect(verdict.plan.map((s: { text: string }) => s.text)).toEqual(
      expect.arrayContaining([
        'List it in the United States assortment',
        expect.stringMatching(/^Obtain US\.FCC\.CERTIFICATION for Mi 4/),
        'Deploy app-store to one of [us-east, us-west]',
        'push-notifications goes live in us-east on 2027-03-01',
      ]),
    );
    expect(verdict.earliest).toBeNull();
  });

  it('shows the band sellable in the US with its FCC grant on file', async () => {
    const { verdict } = await get('/api/admin/readiness/mi-band/US');
    expect(verdict.sellable).toBe(true);
    const fcc = gate(verdict, 'compliance').findings.find((f) => f.subject === 'US.FCC.CERTIFICATION');
    expect(fcc).toMatchObject({ ok: true, certificate: { identifier: expect.stringMatching(/MIBAND/) } });
  });

  it('blocks a product at the instant its certificate expires, and says why', async () => {
    expect(await usSlugs()).toContain('mi-bunny-plush'); // cached now, until the next change in time
    clock.set('2026-12-14T23:59:59Z');
    expect(await usSlugs()).toContain('mi-bunny-plush');
    clock.set('2026-12-15T00:00:00Z');
    expect(await usSlugs()).not.toContain('mi-bunny-plush');
    const { verdict } = await get('/api/admin/readiness/mi-bunny-plush/US');
    expect(gate(verdict, 'compliance').findings.find((f) => f.ok === false)?.text).toContain('expired on 2026-12-15');
    expect(verdict.plan[0]).toMatchObject({ action: 'renew' });
    clock.set('2026-11-24T12:00:00Z');
  });

  it('evaluates as of a date with ?at=', async () => {
    const before = await get('/api/admin/readiness/mi-bunny-plush/US?at=2026-12-01');
    const after = await get('/api/admin/readiness/mi-bunny-plush/US?at=2027-01-01');
    expect([before.verdict.sellable, after.verdict.sellable]).toEqual([true, false]);
  });

  it('takes a revoked certificate into account at once', async () => {
    const { certificates } = await get('/api/admin/certificates?product=mi-band&requirement=US.FCC.CERTIFICATION');
    const id = certificates[0].id;
    await t.inject({ method: 'PATCH', url: `/api/admin/certificates/${id}`, payload: { status: 'revoked' } });
    expect(await usSlugs()).not.toContain('mi-band');
    await t.inject({ method: 'PATCH', url: `/api/admin/certificates/${id}`, payload: { status: 'valid' } });
    expect(await usSlugs()).toContain('mi-band');
  });

  it('serves the product x market matrix as JSON and CSV', async () => {
    const matrix = await get('/api/admin/readiness?market=US&market=CN');
    expect(matrix.markets.map((m: { code: string }) => m.code)).toEqual(['CN', 'US']);
    const phoneUs = matrix.cells.find(
      (c: { product: string; market: string }) => c.product === 'mi-4' && c.market === 'US',
    );
    expect(phoneUs).toMatchObject({
      sellable: false,
      gates: { assortment: false, compliance: false, ecosystem: false },
    });
    const phoneCn = matrix.cells.find(
      (c: { product: string; market: string }) => c.product === 'mi-4' && c.market === 'CN',
    );
    expect(phoneCn.sellable).toBe(true);

    const csv = await t.inject({ method: 'GET', url: '/api/admin/readiness?market=US&format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('product,market,sellable,assortment,compliance,ecosystem,earliest,blockers');
    expect(lines.find((l) => l.startsWith('mi-band,US,'))).toMatch(/^mi-band,US,true,true,true,true,/);
  });

  it('re-evaluates only the verdicts one certificate can change, as the full matrix does', async () => {
    const { readiness, certificates } = t.platform.services;
    const [listed] = (await get('/api/admin/certificates?product=mi-band&requirement=US.FCC.CERTIFICATION'))
      .certificates;
    const grant = await certificates.get(listed.id);
    await certificates.update(grant.id, { status: 'suspended' });
    try {
      const affected = await readiness.affectedBy(grant, clock.now());
      expect(affected.markets.map((m) => m.code)).toEqual(['US']);
      expect(affected.products.map((p) => p.slug)).toEqual(grant.coverage.map((c) => c.slug).sort());
      const full = await readiness.matrix({ at: clock.now() });
      expect(affected.cells).toEqual(
        full.cells.filter((c) => c.market === 'US' && affected.products.some((p) => p.slug === c.product)),
      );
      expect(affected.cells.find((c) => c.product === 'mi-band')).toMatchObject({
        sellable: false,
        gates: { compliance: false },
      });
    } finally {
      await certificates.update(grant.id, { status: 'valid' });
    }
  });

  it('keeps the verdicts to staff: anonymous callers get 401', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/admin/readiness/mi-4/US', headers: {} });
    expect(res.statusCode).toBe(401);
  });
});

describe('verdict audit trail', () => {
  const changes = async (query: string) =>
    (await get(`/api/admin/readiness/changes?${query}`)).changes as Array<{
      product: string;
      market: string;
      from: boolean | null;
      to: boolean;
      reasons: string[];
      cause: string;
    }>;

  it('records every verdict at start, from nothing', async () => {
    const first = await changes('product=mi-4&market=US');
    expect(first.at(-1)).toMatchObject({ from: null, to: false, cause: 'demo scenario loaded' });
  });

  it('records the expiry of a certificate when time passes it, with why', async () => {
    // Earlier tests' edits are recorded first, at their own time and with their own cause.
    await t.platform.verdictsRecorded();
    clock.set('2026-12-15T00:00:30Z');
    await t.platform.services.readiness.recordChanges('time: a certificate, deployment or rule date passed');
    const [latest] = await changes('product=mi-bunny-plush&market=US');
    expect(latest).toMatchObject({ from: true, to: false, cause: expect.stringMatching(/^time/) });
    expect(latest?.reasons.join(' ')).toContain('US.STATE.STUFFED_TOY');
    clock.set('2026-11-24T12:00:00Z');
    await t.platform.services.readiness.recordChanges('time: back to the demo day');
  });

  it('records a change caused by a certificate edit, by itself', async () => {
    const { certificates } = await get('/api/admin/certificates?product=mi-band&requirement=US.FCC.CERTIFICATION');
    await t.inject({
      method: 'PATCH',
      url: `/api/admin/certificates/${certificates[0].id}`,
      payload: { status: 'suspended' },
    });
    let latest: Awaited<ReturnType<typeof changes>>[number] | undefined;
    for (let i = 0; i < 50 && latest?.to !== false; i++) {
      await new Promise((r) => setTimeout(r, 40));
      [latest] = await changes('product=mi-band&market=US');
    }
    expect(latest).toMatchObject({ from: true, to: false, cause: 'certificate added or changed' });
    await t.inject({
      method: 'PATCH',
      url: `/api/admin/certificates/${certificates[0].id}`,
      payload: { status: 'valid' },
    });
  });
});
