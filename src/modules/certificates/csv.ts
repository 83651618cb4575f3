import { CsvError, parse } from 'csv-parse/sync';
import { readCell, writeCsv } from '../../platform/csv.js';
import type { FieldIssue } from '../../platform/errors.js';
import type { Product } from '../catalog/index.js';
import type { Certificate, CertificateInput, CoverageInput } from './schemas.js';

// The certificate registry as CSV, one certificate a row, for spreadsheets: the columns import
// and export share. Lists inside a cell (product slugs, variant SKUs) are separated by ";".
// Rows are numbered as a spreadsheet shows them: the header is row 1.

export const CSV_COLUMNS = [
  'requirement_code',
  'identifier',
  'holder',
  'issued_by',
  'issued_on',
  'expires_on',
  'status',
  'products',
  'variants',
  'notes',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

const REQUIRED: readonly Column[] = ['requirement_code', 'holder', 'issued_by', 'issued_on', 'products'];
const LIST_SEPARATOR = ';';

export interface CsvRow {
  /** The spreadsheet row number. */
  row: number;
  cells: Record<Column, string>;
}

/** The data rows, or the issues that stop the file from being read at all. */
export function readCertificatesCsv(text: string): { rows: CsvRow[]; issues: FieldIssue[] } {
  let records: string[][];
  try {
    // Blank lines are kept while numbering, as a spreadsheet shows them, and skipped after.
    records = parse(text, { bom: true, trim: true, relax_column_count: true });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? `line ${error.lines}` : 'csv';
    return { rows: [], issues: [{ field: line, message: `is not valid CSV: ${error.message}` }] };
  }
  const numbered = records
    .map((record, i) => ({ record, row: i + 1 }))
    .filter(({ record }) => record.some((cell) => cell !== ''));
  const [first, ...data] = numbered;
  const header = first?.record;
  if (!header) {
    return { rows: [], issues: [{ field: 'header', message: `is missing; expected ${CSV_COLUMNS.join(',')}` }] };
  }
  const issues: FieldIssue[] = [];
  const known = new Set<string>(CSV_COLUMNS);
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) issues.push({ field: `header: ${name}`, message: 'appears twice; each column once' });
    seen.add(name);
    if (!known.has(name)) {
      issues.push({
        field: `header: ${name || '(empty)'}`,
        message: `is not a column; columns: ${CSV_COLUMNS.join(', ')}`,
      });
    }
  }
  for (const name of REQUIRED) {
    if (!header.includes(name)) issues.push({ field: `header: ${name}`, message: 'is a required column' });
  }
  if (issues.length > 0) return { rows: [], issues };
  if (data.length === 0) {
    return { rows: [], issues: [{ field: 'row 2', message: 'no certificate rows after the header' }] };
  }

  const rows: CsvRow[] = [];
  data.forEach(({ record, row }) => {
    if (record.length !== header.length) {
      issues.push({ field: `row ${row}`, message: `has ${record.length} cells; the header has ${header.length}` });
      return;
    }
    const cells = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])) as Record<Column, string>;
    header.forEach((name, j) => {
      cells[name as Column] = readCell(record[j] ?? '');
    });
    rows.push({ row, cells });
  });
  return { rows, issues };
}

export function splitList(cell: string): string[] {
  return cell
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A row as the API's input, coverage left for `coverageFromCells` (it needs the catalog). */
export function rowInput(cells: Record<Column, string>): Omit<CertificateInput, 'coverage'> {
  const optional = (key: 'identifier' | 'expiresOn' | 'status' | 'notes', value: string) =>
    value ? { [key]: value } : {};
  return {
    requirementCode: cells.requirement_code,
    holder: cells.holder,
    issuedBy: cells.issued_by,
    issuedOn: cells.issued_on,
    ...optional('identifier', cells.identifier),
    ...optional('expiresOn', cells.expires_on),
    ...optional('status', cells.status.toLowerCase()),
    ...optional('notes', cells.notes),
  } as Omit<CertificateInput, 'coverage'>;
}

/**
 * Coverage from the products and variants cells: a product none of whose variants is listed is
 * covered whole; one with listed SKUs, only those variants. `products` holds the catalog's answer
 * for each slug (undefined when unknown; the coverage check reports it).
 */
export function coverageFromCells(
  slugs: string[],
  skus: string[],
  products: Array<Product | undefined>,
): { coverage: CoverageInput[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const bySku = new Map<string, Product>();
  for (const product of products) for (const v of product?.variants ?? []) bySku.set(v.sku, product!);
  for (const sku of skus) {
    const owner = bySku.get(sku);
    if (!owner || !slugs.includes(owner.slug)) {
      issues.push({
        field: 'variants',
        message: `"${sku}" is not a variant of ${slugs.map((s) => `"${s}"`).join(', ')}`,
      });
    }
  }
  const coverage = slugs.flatMap((slug, i): CoverageInput[] => {
    const own = skus.filter((sku) => products[i]?.variants.some((v) => v.sku === sku));
    return own.length > 0 ? own.map((sku) => ({ product: slug, variant: sku })) : [{ product: slug }];
  });
  return { coverage, issues };
}

const COLUMN_OF: Record<string, Column> = {
  requirementCode: 'requirement_code',
  identifier: 'identifier',
  holder: 'holder',
  issuedBy: 'issued_by',
  issuedOn: 'issued_on',
  expiresOn: 'expires_on',
  status: 'status',
  notes: 'notes',
};

/** The CSV column an API field issue is about: "coverage.2.variant" is in "variants". */
export function columnOf(field: string): string {
  if (/^coverage\.\d+\.variant$/.test(field) || field === 'variants') return 'variants';
  if (field.startsWith('coverage')) return 'products';
  return COLUMN_OF[field] ?? field;
}

export function certificatesCsv(certificates: Certificate[]): string {
  const records = certificates.map((c) => ({
    requirement_code: c.requirementCode,
    identifier: c.identifier ?? '',
    holder: c.holder,
    issued_by: c.issuedBy,
    issued_on: c.issuedOn,
    expires_on: c.expiresOn ?? '',
    status: c.status,
    products: [...new Set(c.coverage.map((x) => x.slug))].join(LIST_SEPARATOR),
    variants: c.coverage.flatMap((x) => (x.sku ? [x.sku] : [])).join(LIST_SEPARATOR),
    notes: c.notes,
  }));
  return writeCsv(CSV_COLUMNS, records);
}
