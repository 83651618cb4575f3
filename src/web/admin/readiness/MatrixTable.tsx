import type { KeyboardEvent } from 'react';
import { formatDay } from '../../format';
import type { Matrix, MatrixCell } from './api';
import { cellKey } from './params';
import { cellName, closedGates, GATE_LABEL, GATE_LETTER, STATE_SYMBOL, stateOf } from './state';

type Product = Matrix['products'][number];
type Market = Matrix['markets'][number];

/**
 * Products down, markets across; every cell a button that opens its verdict. The header row and the product
 * column stay in view while the matrix scrolls, however many markets and products there are.
 */
export function MatrixTable({
  products,
  markets,
  cells,
  open,
  onOpen,
}: {
  products: Product[];
  markets: Market[];
  cells: Map<string, MatrixCell>;
  /** The key of the open verdict's cell (cellKey). */
  open: string | null;
  onOpen: (product: Product, market: Market) => void;
}) {
  return (
    <div className="matrix-wrap">
      <table className="matrix" aria-label="Readiness by product and market" onKeyDown={moveFocus}>
        <thead>
          <tr>
            <th scope="col" className="matrix__corner">
              Product
            </th>
            {markets.map((market) => (
              <th key={market.code} scope="col" className="matrix__market" title={market.name}>
                <abbr title={market.name}>{market.code}</abbr>
                <span className="matrix__market-name">{market.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {products.map((product, row) => {
            const own = markets.map((m) => cells.get(cellKey(product.slug, m.code)));
            const sellable = own.filter((c) => c?.sellable).length;
            return (
              <tr key={product.slug}>
                <th scope="row" className="matrix__product">
                  <span className="matrix__product-name">{product.name}</span>
                  <span className="matrix__product-count">
                    Sellable in {sellable} of {markets.length}
                  </span>
                </th>
                {markets.map((market, col) => {
                  const cell = own[col];
                  const key = cellKey(product.slug, market.code);
                  return (
                    <td key={market.code} className="matrix__cell">
                      {cell ? (
                        <CellButton
                          cell={cell}
                          name={cellName(product.name, market.name, cell)}
                          open={open === key}
                          row={row}
                          col={col}
                          onClick={() => onOpen(product, market)}
                        />
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function CellButton({
  cell,
  name,
  open,
  row,
  col,
  onClick,
}: {
  cell: MatrixCell;
  name: string;
  open: boolean;
  row: number;
  col: number;
  onClick: () => void;
}) {
  const state = stateOf(cell);
  const closed = closedGates(cell.gates);
  return (
    <button
      type="button"
      className={`verdict-cell verdict-cell--${state}`}
      aria-label={name}
      aria-expanded={open}
      aria-controls={open ? 'verdict-panel' : undefined}
      title={cell.blockers.join('\n') || undefined}
      data-row={row}
      data-col={col}
      data-cell={cellKey(cell.product, cell.market)}
      onClick={onClick}
    >
      <span className="verdict-cell__label">
        <span aria-hidden="true">{STATE_SYMBOL[state]}</span>{' '}
        <span className="verdict-cell__word">
          {state === 'sellable'
            ? 'Sellable'
            : state === 'dated' && cell.earliest
              ? formatDay(cell.earliest)
              : 'Blocked'}
        </span>
      </span>
      {closed.length > 0 ? (
        <span className="verdict-cell__gates">
          {closed.map((gate) => (
            <span key={gate} className="verdict-cell__gate" title={`${GATE_LABEL[gate]} closed`}>
              {GATE_LETTER[gate]}
            </span>
          ))}
        </span>
      ) : null}
    </button>
  );
}

const STEPS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** Arrow keys move between cells, so a large matrix is not a hundred tab stops away from the other side. */
function moveFocus(event: KeyboardEvent<HTMLTableElement>) {
  const step = STEPS[event.key];
  const from = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('[data-row]') : null;
  if (!step || !from) return;
  const row = Number(from.dataset.row) + step[0];
  const col = Number(from.dataset.col) + step[1];
  const to = event.currentTarget.querySelector<HTMLElement>(`[data-row="${row}"][data-col="${col}"]`);
  if (!to) return;
  event.preventDefault();
  to.focus();
}
