import { describe, expect, it } from 'vitest';
import type { Product } from '../catalog/index.js';
import { columnOf, coverageFromCells, readCertificatesCsv } from './csv.js';

const HEADER = 'requirement_code,identifier,holder,issued_by,issued_on,expires_on,status,products,variants,notes';

const product = (slug: string, skus: string[]) =>
  ({ id: `id-${slug}`, slug, variants: skus.map((sku) => ({ id: `id-${sku}`, sku })) }) as unknown as Product;

describe('reading the CSV', () => {
  it('reads quoted cells with commas and line breaks, numbering rows as a spreadsheet does', () => {
    const { rows, issues } = readCertificatesCsv(
      `${HEADER}\nUS.FCC.SAR,R-1,Mi,Lab,2026-01-01,,,mi-band,,"one, two\nthree"\nUS.FCC.SAR,R-2,Mi,Lab,2026-01-01,,,mi-band,,\n`,
    );
    expect(issues).toEqual([]);
    expect(rows.map((r) => [r.row, r.cells.identifier, r.cells.notes])).toEqual([
      [2, 'R-1', 'one, two\nthree'],
      [3, 'R-2', ''],
    ]);
  });

  it('accepts the columns in any order and leaves optional ones out', () => {
    const { rows } = readCertificatesCsv(
      'products,issued_on,issued_by,holder,requirement_code\nmi-band,2026-01-01,Lab,Mi,US.FCC.SAR',
    );
    expect(rows[0]!.cells).toMatchObject({
      requirement_code: 'US.FCC.SAR',
      products: 'mi-band',
      variants: '',
      status: '',
    });
  });

  it('names the line of malformed quoting and a row with the wrong number of cells', () => {
    expect(readCertificatesCsv(`${HEADER}\nUS.X,"unclosed`).issues[0]!.field).toMatch(/^line \d+$/);
    expect(readCertificatesCsv(`${HEADER}\nUS.X,a,b`).issues).toEqual([
      { field: 'row 2', message: 'has 3 cells; the header has 10' },
    ]);
  });

  it('numbers rows as a spreadsheet shows them, blank lines included, and names a column given twice', () => {
    expect(readCertificatesCsv(`${HEADER}\n\n\nUS.X,a,b`).issues).toEqual([
      { field: 'row 4', message: 'has 3 cells; the header has 10' },
    ]);
    expect(readCertificatesCsv(`${HEADER},holder\nUS.X`).issues).toEqual([
      { field: 'header: holder', message: 'appears twice; each column once' },
    ]);
  });

  it('refuses a file with a header and no rows', () => {
    expect(readCertificatesCsv(`${HEADER}\n`).issues).toEqual([
      { field: 'row 2', message: 'no certificate rows after the header' },
    ]);
  });
});

describe('coverage from the products and variants cells', () => {
  const band = product('mi-band', ['MIBAND-BLK', 'MIBAND-BLU']);
  const plush = product('mi-bunny-plush', ['MIBUNNY-25CM']);

  it('covers a product whole unless some of its SKUs are listed', () => {
    expect(coverageFromCells(['mi-band', 'mi-bunny-plush'], ['MIBAND-BLU'], [band, plush])).toEqual({
      coverage: [{ product: 'mi-band', variant: 'MIBAND-BLU' }, { product: 'mi-bunny-plush' }],
      issues: [],
    });
  });

  it('names a SKU of no listed product', () => {
    expect(coverageFromCells(['mi-band'], ['MIBUNNY-25CM'], [band]).issues).toEqual([
      { field: 'variants', message: '"MIBUNNY-25CM" is not a variant of "mi-band"' },
    ]);
  });

  it('maps API fields to CSV columns', () => {
    expect(['issuedOn', 'coverage.3.product', 'coverage.1.variant', 'coverage'].map(columnOf)).toEqual([
      'issued_on',
      'products',
      'variants',
      'products',
    ]);
  });
});
