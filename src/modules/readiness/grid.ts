import { factsIndex, type Rows } from './facts.js';
import { type CellGate, cell, cellGate, type MatrixCell } from './matrix.js';
import { assortmentGate, complianceGate, ecosystemGate } from './verdict.js';

// Pure: the cells of a whole product x market matrix. Each gate depends on less than the whole
// verdict does, so each is worked out once per what it depends on and shared by every cell that
// agrees on it:
// - the assortment gate on the market and on whether, and from when, the product is listed there;
// - the compliance gate on the product and the market's jurisdiction (its rules and the product's
//   certificates), so once for the 22 markets of the EU;
// - the ecosystem gate on the market (its allowed regions) and the set of services the product
//   needs, which many products share.
// A cell is then these three shared gates put together, as `verdict()` puts them together.

/** The cells of the matrix of the rows' products in the rows' markets, market by market. */
export function matrixCells(rows: Rows, instant: Date): MatrixCell[] {
  const factsOf = factsIndex(rows, instant);
  const jurisdictions = new Map<string, number>();
  const jurisdictionOf = rows.markets.map(({ market }) => {
    let n = jurisdictions.get(market.jurisdiction);
    if (n === undefined) {
      n = jurisdictions.size;
      jurisdictions.set(market.jurisdiction, n);
    }
    return n;
  });
  const { markets, products } = rows;
  // By market, then by 'none' (not listed), 'open' (listed before the instant) or the later time.
  const assortment = markets.map(() => new Map<string | number, CellGate>());
  // By product and jurisdiction.
  const compliance = new Array<CellGate | undefined>(products.length * jurisdictions.size);
  // By market, then by set of services.
  const ecosystem = markets.map((): Array<CellGate | undefined> => []);
  const now = instant.getTime();

  const cells = new Array<MatrixCell>(markets.length * products.length);
  // Market by market, so that the market's listings stay in the CPU's caches.
  for (let i = 0; i < markets.length; i++) {
    const { market, listings } = markets[i]!;
    const listed = assortment[i]!;
    const byServices = ecosystem[i]!;
    const jurisdiction = jurisdictionOf[i]!;
    for (let j = 0; j < products.length; j++) {
      const product = products[j]!;
      const listedAt = listings.get(product.facts.id);
      const listing = listedAt === undefined ? 'none' : listedAt <= now ? 'open' : listedAt;
      let a = listed.get(listing);
      if (!a) {
        a = cellGate(assortmentGate(factsOf(i, j), instant));
        listed.set(listing, a);
      }
      const k = j * jurisdictions.size + jurisdiction;
      let c = compliance[k];
      if (!c) {
        c = cellGate(complianceGate(factsOf(i, j), instant));
        compliance[k] = c;
      }
      let e = byServices[product.services];
      if (!e) {
        e = cellGate(ecosystemGate(factsOf(i, j), instant));
        byServices[product.services] = e;
      }
      cells[i * products.length + j] = cell(product.product.slug, market.code, a, c, e, instant);
    }
  }
  return cells;
}
