import { describe, expect, it } from 'vitest';
import { type CertificateFacts, nextChange, type VerdictFacts, verdict } from './verdict.js';

const now = new Date('2026-11-24T12:00:00Z');
const us = { code: 'US', name: 'United States', jurisdiction: 'US', allowedRegions: ['us-east', 'us-west'] };
const fcc = {
  code: 'US.FCC.CERTIFICATION',
  title: 'FCC equipment authorization',
  citation: '47 CFR 2.907',
  source: 'https://www.ecfr.gov/',
  because: ['radios includes bluetooth'],
};
const grant = (overrides: Partial<CertificateFacts> = {}): CertificateFacts => ({
  id: 'c1',
  requirementCode: 'US.FCC.CERTIFICATION',
  identifier: '2AB3CMIBAND7',
  status: 'valid',
  issuedOn: '2026-01-10',
  expiresOn: null,
  coverage: [{ productId: 'band', variantId: null }],
  ...overrides,
});

/** The band, listed in the US, with its grant on file and its services live in us-east. */
const band = (overrides: Partial<VerdictFacts> = {}): VerdictFacts => ({
  market: us,
  product: { id: 'band', name: 'Mi Band', requiredServices: ['account', 'sync'] },
  listedAt: new Date('2026-11-01T00:00:00Z'),
  requirements: [fcc],
  certificates: [grant()],
  deployments: [
    { serviceCode: 'account', regionCode: 'us-east', liveFrom: '2026-06-01', retiredOn: null },
    { serviceCode: 'sync', regionCode: 'us-west', liveFrom: '2026-06-01', retiredOn: null },
  ],
  ...overrides,
});

const gate = (v: ReturnType<typeof verdict>, name: string) => v.gates.find((g) => g.gate === name)!;

describe('verdict', () => {
  it('is sellable when listed, certified and served from an allowed region', () => {
    const v = verdict(band(), now);
    expect(v.sellable).toBe(true);
    expect(v.gates.map((g) => [g.gate, g.open])).toEqual([
      ['assortment', true],
      ['compliance', true],
      ['ecosystem', true],
    ]);
    expect(v.plan).toEqual([]);
    expect(v.earliest).toBe('2026-11-24');
    expect(gate(v, 'compliance').findings[0]).toMatchObject({ ok: true, certificate: { identifier: '2AB3CMIBAND7' } });
  });

  it('blocks the phone in the US by all three gates, each with its reason and a plan', () => {
    const phone = band({
      product: { id: 'phone', name: 'Mi 4', requiredServices: ['app-store'] },
      listedAt: undefined,
      certificates: [],
      deployments: [{ serviceCode: 'app-store', regionCode: 'cn-north', liveFrom: '2020-01-01', retiredOn: null }],
    });
    const v = verdict(phone, now);
    expect(v.sellable).toBe(false);
    expect(v.gates.every((g) => !g.open)).toBe(true);
    expect(gate(v, 'assortment').reason).toBe('Not listed for United States');
    expect(gate(v, 'compliance').findings[0]).toMatchObject({
      ok: false,
      subject: 'US.FCC.CERTIFICATION',
      citation: '47 CFR 2.907',
      text: expect.stringContaining(
        'no certificate on file; required by 47 CFR 2.907 because radios includes bluetooth',
      ),
    });
    expect(gate(v, 'ecosystem').findings[0]?.text).toBe(
      'app-store is live only in cn-north; United States may be served from [us-east, us-west]',
    );
    expect(v.plan.map((s) => s.text)).toEqual([
      'List it in the United States assortment',
      'Obtain US.FCC.CERTIFICATION for Mi 4 (47 CFR 2.907)',
      'Deploy app-store to one of [us-east, us-west]',
    ]);
    expect(v.earliest).toBeNull();
  });

  it('closes compliance at the exact day a certificate expires', () => {
    const expiring = band({ certificates: [grant({ expiresOn: '2026-12-15' })] });
    expect(verdict(expiring, new Date('2026-12-14T23:59:59Z')).sellable).toBe(true);
    const after = verdict(expiring, new Date('2026-12-15T00:00:00Z'));
    expect(after.sellable).toBe(false);
    expect(gate(after, 'compliance').findings[0]?.text).toContain('expired on 2026-12-15');
    expect(after.plan[0]).toMatchObject({ action: 'renew' });
  });

  it.each(['suspended', 'revoked', 'withdrawn'] as const)('does not accept a %s certificate', (status) => {
    const v = verdict(band({ certificates: [grant({ status })] }), now);
    expect(gate(v, 'compliance').open).toBe(false);
    expect(gate(v, 'compliance').findings[0]?.text).toContain(status);
  });

  it('does not accept a certificate covering another product, or only another variant', () => {
    expect(
      verdict(band({ certificates: [grant({ coverage: [{ productId: 'other', variantId: null }] })] }), now).sellable,
    ).toBe(false);
    const variantOnly = band({
      product: { id: 'band', name: 'Mi Band', variantId: 'pink', requiredServices: [] },
      certificates: [grant({ coverage: [{ productId: 'band', variantId: 'black' }] })],
    });
    expect(gate(verdict(variantOnly, now), 'compliance').open).toBe(false);
  });

  it('accepts a product-wide certificate for any variant', () => {
    const variant = band({ product: { id: 'band', name: 'Mi Band', variantId: 'pink', requiredServices: [] } });
    expect(verdict(variant, now).sellable).toBe(true);
  });

  it('stays closed on compliance when the jurisdiction has no rules on file', () => {
    const v = verdict(band({ requirements: null }), now);
    expect(gate(v, 'compliance')).toMatchObject({ open: false, reason: 'No rules on file for jurisdiction US' });
  });

  it('is open on compliance when no requirement applies', () => {
    const v = verdict(band({ requirements: [], certificates: [] }), now);
    expect(gate(v, 'compliance')).toMatchObject({ open: true, reason: 'No US requirement applies to this product' });
  });

  it('does not count a deployment live in a region the market may not use', () => {
    const v = verdict(
      band({
        deployments: [{ serviceCode: 'account', regionCode: 'eu-central', liveFrom: '2026-01-01', retiredOn: null }],
      }),
      now,
    );
    expect(gate(v, 'ecosystem').open).toBe(false);
    expect(v.plan.map((s) => s.subject)).toEqual(['account', 'sync']);
  });

  it('does not count a retired deployment', () => {
    const retired = band({
      product: { id: 'band', name: 'Mi Band', requiredServices: ['account'] },
      deployments: [{ serviceCode: 'account', regionCode: 'us-east', liveFrom: '2025-01-01', retiredOn: '2026-11-24' }],
    });
    expect(verdict(retired, now).sellable).toBe(false);
    expect(verdict(retired, new Date('2026-11-23T23:59:59Z')).sellable).toBe(true);
  });

  it('waits for the soonest deployment planned in an allowed region, and says where the service runs now', () => {
    const v = verdict(
      band({
        product: { id: 'band', name: 'Mi Band', requiredServices: ['account'] },
        deployments: [
          { serviceCode: 'account', regionCode: 'eu-central', liveFrom: '2026-01-01', retiredOn: null },
          { serviceCode: 'account', regionCode: 'us-east', liveFrom: '2027-05-01', retiredOn: null },
          { serviceCode: 'account', regionCode: 'eu-west', liveFrom: '2027-01-01', retiredOn: null },
          { serviceCode: 'account', regionCode: 'us-west', liveFrom: '2027-02-01', retiredOn: null },
          { serviceCode: 'sync', regionCode: 'us-east', liveFrom: '2027-01-01', retiredOn: null },
        ],
      }),
      now,
    );
    expect(gate(v, 'ecosystem').findings).toEqual([
      {
        ok: false,
        subject: 'account',
        text: 'account is live only in eu-central; United States may be served from [us-east, us-west]',
        regions: ['eu-central'],
      },
    ]);
    expect(v.plan).toEqual([
      {
        gate: 'ecosystem',
        action: 'wait',
        subject: 'account',
        text: 'account goes live in us-west on 2027-02-01',
        on: '2027-02-01',
      },
    ]);
  });

  it('dates the launch when every missing piece has a date: the last of them', () => {
    const planned = band({
      listedAt: new Date('2026-12-01T00:00:00Z'),
      certificates: [grant({ issuedOn: '2027-01-15' })],
      deployments: [
        { serviceCode: 'account', regionCode: 'us-east', liveFrom: '2027-03-01', retiredOn: null },
        { serviceCode: 'sync', regionCode: 'us-east', liveFrom: '2026-01-01', retiredOn: null },
      ],
    });
    const v = verdict(planned, now);
    expect(v.sellable).toBe(false);
    expect(v.plan.map((s) => [s.action, s.on])).toEqual([
      ['wait', '2026-12-01'],
      ['wait', '2027-01-15'],
      ['wait', '2027-03-01'],
    ]);
    expect(v.earliest).toBe('2027-03-01');
    expect(verdict(planned, new Date('2027-03-01T00:00:00Z')).sellable).toBe(true);
  });

  it('has no launch date while any missing piece has none', () => {
    const v = verdict(band({ listedAt: undefined, deployments: [] }), now);
    expect(v.earliest).toBeNull();
  });
});

describe('next change', () => {
  it('is the first future date among listings, certificates, deployments and rules', () => {
    const facts = band({
      certificates: [grant({ expiresOn: '2026-12-15' })],
      deployments: [{ serviceCode: 'account', regionCode: 'us-east', liveFrom: '2027-03-01', retiredOn: null }],
    });
    expect(nextChange([facts], [], now)?.toISOString()).toBe('2026-12-15T00:00:00.000Z');
    expect(nextChange([facts], ['2026-12-01'], now)?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('is a future listing instant when that comes first', () => {
    const facts = band({ listedAt: new Date('2026-11-24T18:30:00Z') });
    expect(nextChange([facts], [], now)?.toISOString()).toBe('2026-11-24T18:30:00.000Z');
  });

  it('is null when nothing is scheduled', () => {
    expect(nextChange([band()], ['2020-01-01'], now)).toBeNull();
  });
});
