import { writeCsv } from '../../platform/csv.js';
import { earliestDay, type GateName, type GateOutcome, opensOn } from './verdict.js';

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

/**
 * A gate as the cells of a matrix show it. A matrix works each gate out once per what it depends on
 * (grid.ts), so one of these is shared by every cell that agrees on the gate.
 */
export interface CellGate {
  open: boolean;
  /** `<gate>: <reason>`, what the cell's blockers say when the gate is closed. */
  blocker: string;
  /** When the gate opens by itself (`opensOn` of its plan). */
  opensOn: string | null;
}

export function cellGate({ gate, plan }: GateOutcome): CellGate {
  return { open: gate.open, blocker: `${gate.gate}: ${gate.reason}`, opensOn: opensOn(plan) };
}

// A matrix has hundreds of thousands of cells but eight combinations of open gates: the cells share
// them, frozen so that no reader can change one cell's gates under another's.
const GATE_STATES: Array<Record<GateName, boolean>> = [0, 1, 2, 3, 4, 5, 6, 7].map((n) =>
  Object.freeze({ assortment: (n & 4) !== 0, compliance: (n & 2) !== 0, ecosystem: (n & 1) !== 0 }),
);
const NO_BLOCKERS: string[] = Object.freeze([]) as unknown as string[];

/** The cell of a product in a market: what `verdict()` says of it, in a line. */
export function cell(
  product: string,
  market: string,
  assortment: CellGate,
  compliance: CellGate,
  ecosystem: CellGate,
  instant: Date,
): MatrixCell {
  const sellable = assortment.open && compliance.open && ecosystem.open;
  let blockers = NO_BLOCKERS;
  if (!sellable) {
    blockers = [];
    if (!assortment.open) blockers.push(assortment.blocker);
    if (!compliance.open) blockers.push(compliance.blocker);
    if (!ecosystem.open) blockers.push(ecosystem.blocker);
  }
  return {
    product,
    market,
    sellable,
    gates: GATE_STATES[(assortment.open ? 4 : 0) + (compliance.open ? 2 : 0) + (ecosystem.open ? 1 : 0)]!,
    blockers,
    earliest: earliestDay(sellable, assortment.opensOn, compliance.opensOn, ecosystem.opensOn, instant),
  };
}

const MATRIX_COLUMNS = [
  'product',
  'market',
  'sellable',
  'assortment',
  'compliance',
  'ecosystem',
  'earliest',
  'blockers',
] as const;

export function matrixCsv(matrix: Matrix): string {
  return writeCsv(
    MATRIX_COLUMNS,
    matrix.cells.map((c) => ({
      product: c.product,
      market: c.market,
      sellable: String(c.sellable),
      assortment: String(c.gates.assortment),
      compliance: String(c.gates.compliance),
      ecosystem: String(c.gates.ecosystem),
      earliest: c.earliest ?? '',
      blockers: c.blockers.join('; '),
    })),
  );
}
