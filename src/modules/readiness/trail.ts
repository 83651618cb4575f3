import type { MatrixCell } from './matrix.js';
import type { GateStates } from './tables.js';

// Pure: which verdicts changed since they were last recorded. A change is any difference in
// sellability or in any gate; a product and market seen for the first time is a change from nothing.

export interface RecordedState {
  sellable: boolean;
  gates: GateStates;
}

export interface VerdictChange {
  productId: string;
  marketCode: string;
  from: RecordedState | null;
  to: RecordedState;
  reasons: string[];
}

const key = (productId: string, marketCode: string) => `${productId} ${marketCode}`;

export function changedVerdicts(
  recorded: Map<string, RecordedState>,
  cells: Array<MatrixCell & { productId: string }>,
): VerdictChange[] {
  const changes: VerdictChange[] = [];
  for (const cell of cells) {
    const before = recorded.get(key(cell.productId, cell.market)) ?? null;
    const after: RecordedState = { sellable: cell.sellable, gates: cell.gates };
    const same =
      before !== null &&
      before.sellable === after.sellable &&
      (['assortment', 'compliance', 'ecosystem'] as const).every((g) => before.gates[g] === after.gates[g]);
    if (!same) {
      changes.push({
        productId: cell.productId,
        marketCode: cell.market,
        from: before,
        to: after,
        reasons: cell.blockers,
      });
    }
  }
  return changes;
}

export function recordedKey(productId: string, marketCode: string): string {
  return key(productId, marketCode);
}
