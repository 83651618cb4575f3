import { describe, expect, it } from 'vitest';
import { bandProfile } from '../../../test/fixtures/catalog.js';
import type { Product } from '../catalog/index.js';
import { loadRules } from '../compliance/index.js';
import type { Market } from '../markets/index.js';
import { certificatesByProduct, factsIndex, prepareProducts } from './facts.js';
import type { CertificateFacts } from './verdict.js';

const now = new Date('2026-11-24T12:00:00Z');
const rules = loadRules();
const market = (code: string, jurisdiction: string): Market => ({
  code,
  name: code,
  countries: [code],
  currency: 'EUR',
  locale: 'en-IE',
  taxMode: 'inclusive',
  jurisdiction,
  allowedRegions: ['eu-central'],
  createdAt: '',
  updatedAt: '',
});
const profile = { ...bandProfile, materials: [] } as Product['deviceProfile'];
const product = (id: string, requiredServices: string[] = []): Product => ({
  id,
  slug: id,
  name: id,
  description: '',
  category: 'fitness-band',
  images: [],
  deviceProfile: { ...profile },
  requiredServices,
  variants: [],
  createdAt: '',
  updatedAt: '',
});
const certificate = (id: string, productIds: string[]): CertificateFacts => ({
  id,
  requirementCode: 'EU.CE.RED',
  identifier: null,
  status: 'valid',
  issuedOn: '2026-01-01',
  expiresOn: null,
  coverage: productIds.map((productId) => ({ productId, variantId: null })),
});

describe('the facts of a matrix', () => {
  const a = product('a', ['sync']);
  const b = product('b', ['account', 'sync']);
  const shared = certificate('shared', ['a', 'b']);
  const twice = {
    ...certificate('twice', ['b']),
    coverage: [1, 2].map((n) => ({ productId: 'b', variantId: `v${n}` })),
  };
  const factsOf = factsIndex(
    {
      markets: [
        { market: market('DE', 'EU'), listings: new Map([['a', now.getTime()]]) },
        { market: market('XX', 'XX'), listings: new Map() },
      ],
      products: prepareProducts([a, b]),
      certificates: certificatesByProduct([shared, twice]),
      deployments: [
        { serviceCode: 'account', regionCode: 'eu-central', liveFrom: '2026-01-01', retiredOn: null },
        { serviceCode: 'sync', regionCode: 'eu-central', liveFrom: '2026-01-01', retiredOn: null },
      ],
      rules: (jurisdiction) => rules.get(jurisdiction),
    },
    now,
  );
  const facts = [0, 1].map((i) => [0, 1].map((j) => factsOf(i, j)));

  it('gives each product, market by market, the certificates covering it, each once', () => {
    expect(facts.map((row) => row.map((f) => [f.market.code, f.product.id]))).toEqual([
      [
        ['DE', 'a'],
        ['DE', 'b'],
      ],
      [
        ['XX', 'a'],
        ['XX', 'b'],
      ],
    ]);
    expect(facts[0]!.map((f) => f.certificates.map((c) => c.id))).toEqual([['shared'], ['shared', 'twice']]);
  });

  it('gives each product the deployments of the services it needs, and its listing in the market', () => {
    expect(facts[0]!.map((f) => f.deployments.map((d) => d.serviceCode))).toEqual([['sync'], ['account', 'sync']]);
    expect(facts[0]!.map((f) => f.listedAt)).toEqual([now, undefined]);
  });

  it("works out the requirements of the market's jurisdiction once per profile, and none without rules", () => {
    expect(facts[0]![0]!.requirements!.map((r) => r.code)).toContain('EU.CE.RED');
    expect(facts[0]![1]!.requirements).toBe(facts[0]![0]!.requirements);
    expect(facts[1]!.map((f) => f.requirements)).toEqual([null, null]);
  });
});
