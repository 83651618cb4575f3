import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { adminQueries } from '../../api';
import { ErrorPanel, Loading } from '../../components/Status';
import { formatDateTime, formatDay } from '../../format';
import { type Matrix, type MatrixCell, matrixCsvUrl, readinessQueries } from './api';
import { Filters } from './Filters';
import { Legend } from './Legend';
import { MatrixTable } from './MatrixTable';
import { cellKey, useReadinessView } from './params';
import { stateOf, type VerdictState } from './state';
import { useWidth } from './useWidth';
import { VerdictPanel } from './VerdictPanel';
import './readiness.css';

/** The matrix's width in rem with full cells: the product column and each market's column (readiness.css). */
const fullMatrixRem = (markets: number) => 9 + 5.75 * markets;

export function ReadinessPage() {
  const [view, setView] = useReadinessView();
  // Every market, for the picker, whatever the matrix is filtered to.
  const markets = useQuery(adminQueries.markets());
  const matrix = useQuery(readinessQueries.matrix({ markets: view.markets, at: view.at }));
  const data = matrix.data;

  const products = useMemo(() => (data ? matching(data.products, view.q) : []), [data, view.q]);
  const cells = useMemo(
    () => new Map((data?.cells ?? []).map((c) => [cellKey(c.product, c.market), c] as const)),
    [data],
  );
  const marketOptions = markets.data?.markets ?? data?.markets ?? [];
  const open = view.cell ? openCell(view.cell, data, marketOptions) : null;
  // Beside an open verdict, the matrix turns compact when its full cells would not fit.
  const [matrixWidth, matrixRef] = useWidth<HTMLDivElement>();
  const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const compact = Boolean(open && data && matrixWidth > 0 && fullMatrixRem(data.markets.length) * rem > matrixWidth);
  const csvUrl =
    data && products.length > 0 && data.markets.length > 0
      ? matrixCsvUrl({
          markets: view.markets,
          products: view.q ? products.map((p) => p.slug) : [],
          at: view.at,
        })
      : undefined;

  const close = () => {
    const key = view.cell ? cellKey(view.cell.product, view.cell.market) : '';
    setView({ cell: null });
    // Back to the cell that opened it, so the keyboard user keeps their place in the matrix.
    document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(key)}"]`)?.focus();
  };

  return (
    <>
      <title>Readiness — marketgate admin</title>
      <header className="page-header">
        <h1>Readiness</h1>
        <p className="muted">
          May each product be sold in each market, and if not, why not. A product is sellable when all three gates are
          open: it is listed, the law's requirements have evidence on file, and its cloud services run where the market
          allows. Open a cell for the reasons and the launch plan.
        </p>
      </header>

      <Filters
        view={view}
        markets={marketOptions}
        today={data && !view.at ? data.at.slice(0, 10) : undefined}
        csvUrl={csvUrl}
        onChange={setView}
      />

      {matrix.isPending ? <Loading what="the readiness matrix" /> : null}
      {matrix.isError ? <ErrorPanel error={matrix.error} /> : null}
      {data ? (
        <div className={`readiness${open ? ' readiness--with-panel' : ''}${compact ? ' readiness--compact' : ''}`}>
          <div ref={matrixRef} className={`readiness__matrix${matrix.isPlaceholderData ? ' is-stale' : ''}`}>
            <div className="readiness__bar">
              <Summary
                matrix={data}
                counts={count(products, data.markets, cells)}
                day={view.at}
                updating={matrix.isPlaceholderData}
              />
              <Legend />
            </div>
            {data.markets.length === 0 ? (
              <p className="empty">No market matches this filter.</p>
            ) : products.length === 0 ? (
              <p className="empty">{view.q ? `No product matches “${view.q}”.` : 'No products yet.'}</p>
            ) : (
              <MatrixTable
                products={products}
                markets={data.markets}
                cells={cells}
                open={view.cell ? cellKey(view.cell.product, view.cell.market) : null}
                onOpen={(product, market) => setView({ cell: { product: product.slug, market: market.code } })}
              />
            )}
          </div>
          {open ? (
            <VerdictPanel
              key={cellKey(open.product.slug, open.market.code)}
              product={open.product}
              market={open.market}
              at={view.at}
              onClose={close}
            />
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function matching(products: Matrix['products'], q: string): Matrix['products'] {
  const needle = q.toLowerCase();
  if (!needle) return products;
  return products.filter((p) => p.name.toLowerCase().includes(needle) || p.slug.includes(needle));
}

/** The open verdict's names; a link may name a product or market the matrix does not show, and still opens. */
function openCell(
  cell: { product: string; market: string },
  matrix: Matrix | undefined,
  markets: Array<{ code: string; name: string }>,
) {
  const product = matrix?.products.find((p) => p.slug === cell.product) ?? { slug: cell.product, name: cell.product };
  const market = markets.find((m) => m.code === cell.market) ?? { code: cell.market, name: cell.market };
  return { product, market };
}

function count(
  products: Matrix['products'],
  markets: Matrix['markets'],
  cells: Map<string, MatrixCell>,
): Record<VerdictState, number> & { all: number } {
  const counts = { sellable: 0, dated: 0, blocked: 0, all: 0 };
  for (const product of products) {
    for (const market of markets) {
      const cell = cells.get(cellKey(product.slug, market.code));
      if (!cell) continue;
      counts[stateOf(cell)] += 1;
      counts.all += 1;
    }
  }
  return counts;
}

function Summary({
  matrix,
  counts,
  day,
  updating,
}: {
  matrix: Matrix;
  counts: Record<VerdictState, number> & { all: number };
  day: string;
  updating: boolean;
}) {
  return (
    <p className="readiness-summary" aria-live="polite">
      <span className="readiness-summary__main">
        <strong>{counts.sellable}</strong> of {counts.all} sellable
      </span>
      <span>
        <strong>{counts.dated}</strong> blocked with a date
      </span>
      <span>
        <strong>{counts.blocked}</strong> blocked
      </span>
      <span className="muted">
        as of{' '}
        <time dateTime={matrix.at}>{day ? `the start of ${formatDay(day)} (UTC)` : formatDateTime(matrix.at)}</time>
      </span>
      {updating ? <span className="muted">Updating…</span> : null}
    </p>
  );
}
