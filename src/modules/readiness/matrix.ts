import type { GateName, Verdict } from './verdict.js';

// The product x market matrix: what the launch team reads first. Pure shaping and CSV.

export interface MatrixCell {
  product: string;
  market: string;
  sellable: boolean;
  gates: Record<GateName, boolean>;
  /** What blocks it, in a line: the closed gates' reasons. */
  blockers: string[];
  earliest: string | null;
}

export interface Matrix {
  at: string;
  markets: Array<{ code: string; name: string }>;
  products: Array<{ id: string; slug: string; name: string }>;
  cells: MatrixCell[];
}

export function cell(product: string, market: string, v: Verdict): MatrixCell {
  const gates = {} as Record<GateName, boolean>;
  const blockers: string[] = [];
  for (const g of v.gates) {
    gates[g.gate] = g.open;
    if (!g.open) blockers.push(`${g.gate}: ${g.reason}`);
  }
  return { product, market, sellable: v.sellable, gates, blockers, earliest: v.earliest };
}

const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function matrixCsv(matrix: Matrix): string {
  const header = ['product', 'market', 'sellable', 'assortment', 'compliance', 'ecosystem', 'earliest', 'blockers'];
  const rows = matrix.cells.map((c) =>
    [
      c.product,
      c.market,
      String(c.sellable),
      String(c.gates.assortment),
      String(c.gates.compliance),
      String(c.gates.ecosystem),
      c.earliest ?? '',
      c.blockers.join('; '),
    ]
      .map(quote)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
