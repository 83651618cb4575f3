import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

// The requirements engine on the shipped rules, for the demo products' real profiles.

const products: Array<{ slug: string; deviceProfile: Record<string, unknown> }> = JSON.parse(
  readFileSync(new URL('../../data/demo/products.json', import.meta.url), 'utf8'),
);
const profile = (slug: string) => products.find((p) => p.slug === slug)!.deviceProfile;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ listen: false, seed: false });
});
afterAll(() => t.close());

async function codes(jurisdiction: string, slug: string, at = '2026-11-24T00:00:00Z'): Promise<string[]> {
  const res = await t.inject({
    method: 'POST',
    url: '/api/admin/requirements',
    payload: { jurisdiction, profile: profile(slug), at },
  });
  expect(res.statusCode).toBe(200);
  return res.json().requirements.map((r: { code: string }) => r.code);
}

describe('requirements on the shipped rules', () => {
  it('asks no FCC authorisation of passive wired headphones in the US', async () => {
    const required = await codes('US', 'mi-in-ear-headphones');
    expect(required.filter((c) => c.startsWith('US.FCC'))).toEqual([]);
  });

  it("asks a children's product certificate of the plush toy in the US", async () => {
    expect(await codes('US', 'mi-bunny-plush')).toContain('US.CPSIA.CPC');
  });

  it('asks PSE of a power bank in Japan', async () => {
    expect(await codes('JP', 'mi-power-bank-10000')).toContain('JP.PSE');
  });

  it('asks FCC certification and SAR of the phone in the US, each with its citation and reason', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/admin/requirements',
      payload: { jurisdiction: 'US', profile: profile('mi-4') },
    });
    const fcc = res.json().requirements.find((r: { code: string }) => r.code === 'US.FCC.CERTIFICATION');
    expect(fcc.citation).toContain('47 CFR');
    expect(fcc.because.join(' ')).toMatch(/radios includes .*cellular/);
    expect(res.json().requirements.map((r: { code: string }) => r.code)).toContain('US.FCC.SAR');
  });

  it('applies a rule from its effective date: the EU Cyber Resilience Act from December 2027', async () => {
    expect(await codes('EU', 'mi-band')).not.toContain('EU.CRA');
    expect(await codes('EU', 'mi-band', '2027-12-11T00:00:00Z')).toContain('EU.CRA');
  });

  it('resolves a market code to its jurisdiction', async () => {
    await t.inject({
      method: 'POST',
      url: '/api/admin/markets',
      payload: {
        code: 'DE',
        name: 'Germany',
        countries: ['DE'],
        currency: 'EUR',
        locale: 'de-DE',
        taxMode: 'inclusive',
        jurisdiction: 'EU',
      },
    });
    const res = await t.inject({
      method: 'POST',
      url: '/api/admin/requirements',
      payload: { market: 'de', profile: profile('mi-band') },
    });
    expect(res.json().jurisdiction).toBe('EU');
  });

  it('answers 400 naming the field of a malformed profile, and 404 for a jurisdiction without rules', async () => {
    const bad = await t.inject({
      method: 'POST',
      url: '/api/admin/requirements',
      payload: { jurisdiction: 'US', profile: { ...profile('mi-band'), radios: ['laser'] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('profile.radios.0');
    const unknown = await t.inject({
      method: 'POST',
      url: '/api/admin/requirements',
      payload: { jurisdiction: 'ZZ', profile: profile('mi-band') },
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('rule files at start', () => {
  it('refuses to start on a bad rule file, naming the file, the rule and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marketgate-rules-'));
    const us = readFileSync(new URL('../../rules/US.yaml', import.meta.url), 'utf8');
    writeFileSync(join(dir, 'US.yaml'), us.replace('field: radios', 'field: antennas'));
    await expect(startTestApp({ listen: false, seed: false, env: { RULES_DIR: dir } })).rejects.toThrow(
      /US\.yaml: rules\.\d+ \(US\.[A-Z0-9_.]+\)\.appliesWhen.*"antennas" is not a device profile field/,
    );
  });
});
