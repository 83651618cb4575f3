import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { manualClock } from '../../src/platform/clock.js';
import { openDatabase } from '../../src/platform/database/index.js';
import { DEMO_DAY, startTestApp, type TestApp } from '../support/app.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

// The matrix keeps the rows it reads (listings, certificates, deployments, products, markets) in
// memory until the change feed says they changed. The next matrix after a change must show it,
// whether the change was made in this process or, on PostgreSQL, by another instance.

type Services = Platform['services'];

const cellOf = async (services: Services, product: string, market: string, at?: Date) =>
  (await services.readiness.matrix({ at })).cells.find((c) => c.product === product && c.market === market);

const fccGrantOfBand = async (services: Services) => {
  const [grant] = await services.certificates.list({ product: 'mi-band', requirement: 'US.FCC.CERTIFICATION' });
  return grant!;
};

describe('the matrix after a change, in this process', () => {
  const clock = manualClock(DEMO_DAY);
  let t: TestApp;
  let services: Services;
  beforeAll(async () => {
    t = await startTestApp({ listen: false, clock });
    services = t.platform.services;
  });
  afterAll(() => t.close());

  it('shows a certificate revoked through the registry in the very next matrix', async () => {
    expect(await cellOf(services, 'mi-band', 'US')).toMatchObject({ sellable: true });
    const grant = await fccGrantOfBand(services);
    await services.certificates.update(grant.id, { status: 'revoked' });
    try {
      const cell = await cellOf(services, 'mi-band', 'US');
      expect(cell).toMatchObject({ sellable: false, gates: { compliance: false } });
      expect(cell?.blockers.join(' ')).toContain('US.FCC.CERTIFICATION');
    } finally {
      await services.certificates.update(grant.id, { status: 'valid' });
    }
    expect(await cellOf(services, 'mi-band', 'US')).toMatchObject({ sellable: true });
  });

  it('shows a product taken out of the assortment, and listed again', async () => {
    expect(await cellOf(services, 'mi-band', 'US')).toMatchObject({ gates: { assortment: true } });
    await services.assortment.unlist('US', 'mi-band');
    expect(await cellOf(services, 'mi-band', 'US')).toMatchObject({ sellable: false, gates: { assortment: false } });
    await services.assortment.list('US', 'mi-band');
    expect(await cellOf(services, 'mi-band', 'US')).toMatchObject({ sellable: true, gates: { assortment: true } });
  });

  it('works out each matrix at the instant asked for, from the same rows: a certificate expires', async () => {
    expect(await cellOf(services, 'mi-bunny-plush', 'US')).toMatchObject({ sellable: true });
    const expired = await cellOf(services, 'mi-bunny-plush', 'US', new Date('2026-12-15T00:00:00Z'));
    expect(expired).toMatchObject({ sellable: false, gates: { compliance: false } });
    expect(expired?.blockers.join(' ')).toContain('US.STATE.STUFFED_TOY');
    expect(await cellOf(services, 'mi-bunny-plush', 'US')).toMatchObject({ sellable: true });
  });

  it('gives the verdicts one certificate affects as the full matrix does, before and after it changes', async () => {
    const grant = await services.certificates.get((await fccGrantOfBand(services)).id);
    const same = async () => {
      const affected = await services.readiness.affectedBy(grant);
      const full = await services.readiness.matrix({});
      expect(affected.cells).toEqual(
        full.cells.filter((c) => c.market === 'US' && affected.products.some((p) => p.slug === c.product)),
      );
      return affected.cells.find((c) => c.product === 'mi-band');
    };
    expect(await same()).toMatchObject({ sellable: true });
    await services.certificates.update(grant.id, { status: 'suspended' });
    try {
      expect(await same()).toMatchObject({ sellable: false });
    } finally {
      await services.certificates.update(grant.id, { status: 'valid' });
    }
  });
});

describe.runIf(Boolean(process.env.DATABASE_URL))('the matrix after a change made by another instance', () => {
  let database: TestDatabase;
  let a: Platform;
  let b: Platform;
  const config = loadConfig({ LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    database = await freshDatabase();
    a = await createPlatform(config, { database, clock: manualClock(DEMO_DAY) });
    const second = await openDatabase({ kind: 'postgres', url: database.url!, poolSize: 2 });
    b = await createPlatform(config, { database: second, clock: manualClock(DEMO_DAY) });
    b.close = ((close) => async () => {
      await close();
      await second.close();
    })(b.close);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await database?.close();
  });

  /** B's cell, asked again until the change's notification has reached B (or 2 s passed). */
  const eventually = async (sellable: boolean) => {
    let cell = await cellOf(b.services, 'mi-band', 'US');
    for (let i = 0; i < 50 && cell?.sellable !== sellable; i++) {
      await new Promise((r) => setTimeout(r, 40));
      cell = await cellOf(b.services, 'mi-band', 'US');
    }
    return cell;
  };

  it("drops the other instance's kept certificates when one is suspended", async () => {
    expect(await cellOf(b.services, 'mi-band', 'US')).toMatchObject({ sellable: true }); // b keeps the rows
    const grant = await fccGrantOfBand(a.services);
    await a.services.certificates.update(grant.id, { status: 'suspended' });
    try {
      expect(await eventually(false)).toMatchObject({ sellable: false, gates: { compliance: false } });
    } finally {
      await a.services.certificates.update(grant.id, { status: 'valid' });
    }
    expect(await eventually(true)).toMatchObject({ sellable: true });
  });
});
