import { describe, expect, it } from 'vitest';
import { bandProfile } from '../../../test/fixtures/catalog.js';
import type { Product } from '../catalog/index.js';
import { loadRules, requirementsFor } from '../compliance/index.js';
import type { Market } from '../markets/index.js';
import { certificatesByProduct, factsIndex, prepareProducts, type Rows } from './facts.js';
import { matrixCells } from './grid.js';
import type { MatrixCell } from './matrix.js';
import type { CertificateFacts, Verdict } from './verdict.js';
import { verdict } from './verdict.js';

// The matrix shares each gate between the verdicts that agree on it; every cell must still say
// exactly what the verdict worked out alone for that product and market says.

const rules = loadRules();
const now = new Date('2026-11-24T12:00:00Z');
const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

const market = (code: string, jurisdiction: string, allowedRegions: string[]): Market => ({
  code,
  name: `${code} shop`,
  countries: [code],
  currency: 'EUR',
  locale: 'en-IE',
  taxMode: 'inclusive',
  jurisdiction,
  allowedRegions,
  createdAt: '',
  updatedAt: '',
});

const band = { ...bandProfile, materials: [] } as Product['deviceProfile'];
const connectedBand = { ...band, radios: ['bluetooth', 'wifi'], internetConnectable: true } as Product['deviceProfile'];

const product = (id: string, deviceProfile: Product['deviceProfile'], requiredServices: string[]): Product => ({
  id,
  slug: id,
  name: `Product ${id}`,
  description: '',
  category: 'fitness-band',
  images: [],
  deviceProfile,
  requiredServices,
  variants: [],
  createdAt: '',
  updatedAt: '',
});

const products = [
  product('a', band, ['sync']),
  product('b', band, ['account', 'sync']),
  product('c', connectedBand, []),
  product('d', connectedBand, ['account']),
];
const markets = [
  market('DE', 'EU', ['eu-central']),
  market('FR', 'EU', ['eu-west']),
  market('US', 'US', ['us-east']),
  market('XX', 'XX', ['eu-central']),
];

/** Certificates for every requirement of each product in the EU and the US, in varied states. */
function certificates(): CertificateFacts[] {
  const out: CertificateFacts[] = [];
  products.forEach((p, n) => {
    for (const jurisdiction of ['EU', 'US']) {
      requirementsFor(rules.get(jurisdiction)!, p.deviceProfile, now).forEach((r, k) => {
        // Product a has every certificate in force; the others, certificates in varied states.
        const state = p.id === 'a' ? 6 : (n + k) % 6;
        if (state === 5) return; // none on file
        out.push({
          id: `${p.id}-${r.code}`,
          requirementCode: r.code,
          identifier: state === 0 ? null : `ID-${p.id}-${k}`,
          status: state === 3 ? 'suspended' : 'valid',
          issuedOn: state === 2 ? day(10 + k) : day(-400),
          expiresOn: state === 4 ? day(-5) : state === 1 ? day(40) : null,
          // Product d's certificates cover one of its variants only.
          coverage: [{ productId: p.id, variantId: p.id === 'd' ? 'd-1' : null }],
        });
      });
    }
  });
  return out;
}

const rows: Rows = {
  markets: markets.map((m, i) => ({
    market: m,
    listings: new Map(
      products.flatMap((p, j): Array<[string, number]> => {
        const kind = (i + j + 1) % 3;
        if (kind === 0) return [];
        return [[p.id, kind === 1 ? now.getTime() - 86_400_000 : now.getTime() + (j + 1) * 3_600_000]];
      }),
    ),
  })),
  products: prepareProducts(products),
  certificates: certificatesByProduct(certificates()),
  deployments: [
    { serviceCode: 'sync', regionCode: 'eu-central', liveFrom: day(-100), retiredOn: null },
    { serviceCode: 'sync', regionCode: 'eu-west', liveFrom: day(20), retiredOn: null },
    { serviceCode: 'sync', regionCode: 'us-east', liveFrom: day(-100), retiredOn: day(30) },
    { serviceCode: 'account', regionCode: 'eu-central', liveFrom: day(-100), retiredOn: null },
    { serviceCode: 'account', regionCode: 'us-east', liveFrom: null, retiredOn: null },
  ],
  rules: (jurisdiction) => rules.get(jurisdiction),
};

/** A verdict as a matrix cell shows it, written out from `verdict()` alone. */
const cellOf = (product: string, market: string, v: Verdict): MatrixCell => ({
  product,
  market,
  sellable: v.sellable,
  gates: Object.fromEntries(v.gates.map((g) => [g.gate, g.open])) as MatrixCell['gates'],
  blockers: v.gates.filter((g) => !g.open).map((g) => `${g.gate}: ${g.reason}`),
  earliest: v.earliest,
});

describe('the cells of a matrix', () => {
  it.each([
    ['today', now],
    ['an hour later, when some listings take effect', new Date(now.getTime() + 3_600_000)],
    ['in two weeks, when some certificates are issued', new Date(`${day(14)}T00:00:00Z`)],
    ['in two months, when some expire and a deployment retires', new Date(`${day(60)}T00:00:00Z`)],
  ])('say what each verdict says alone, %s', (_, instant) => {
    const factsOf = factsIndex(rows, instant);
    const expected = markets.flatMap((m, i) =>
      products.map((p, j) => cellOf(p.slug, m.code, verdict(factsOf(i, j), instant))),
    );
    expect(matrixCells(rows, instant)).toEqual(expected);
  });

  it('cover varied verdicts: sellable, sellable later, blocked for want of an action', () => {
    const cells = matrixCells(rows, now);
    expect(cells.some((c) => c.sellable)).toBe(true);
    expect(cells.some((c) => !c.sellable && c.earliest !== null)).toBe(true);
    expect(cells.some((c) => c.earliest === null)).toBe(true);
    expect(new Set(cells.map((c) => c.blockers.length))).toEqual(new Set([0, 1, 2, 3]));
  });
});
