import type { Matrix, MatrixCell } from './matrix.js';

// The matrix as a terminal reads it: one block per market, one line per product, blockers spelled out.

const GATES = ['assortment', 'compliance', 'ecosystem'] as const;

function columns(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((value, i) => value.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function line(c: MatrixCell): string[] {
  return [
    c.product,
    c.sellable ? 'yes' : 'no',
    ...GATES.map((g) => (c.gates[g] ? 'open' : 'CLOSED')),
    c.earliest?.slice(0, 10) ?? '',
    c.blockers.join('; '),
  ];
}

export function matrixTable(matrix: Matrix): string {
  const blocks = matrix.markets.map((market) => {
    const cells = matrix.cells.filter((c) => c.market === market.code);
    const sellable = cells.filter((c) => c.sellable).length;
    const header = ['PRODUCT', 'SELLABLE', ...GATES.map((g) => g.toUpperCase()), 'EARLIEST', 'WHY NOT'];
    return (
      `${market.code} — ${market.name} on ${matrix.at.slice(0, 10)}: ${sellable} of ${cells.length} sellable\n\n` +
      columns([header, ...cells.map(line)])
    );
  });
  return `${blocks.join('\n\n')}\n`;
}
