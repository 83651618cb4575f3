import { useSearchParams } from 'react-router';

// The readiness view lives in the address (markets, product filter, day, open verdict), so a view can be
// bookmarked or sent to a colleague: /admin/readiness?market=US&market=EU&q=band&at=2027-03-01&cell=mi-band.US

export interface ReadinessView {
  /** Market codes; empty for every market. */
  markets: string[];
  /** Matches product names and slugs. */
  q: string;
  /** A day ("2027-03-01"); empty for now. */
  at: string;
  /** The open verdict, when one is. */
  cell: { product: string; market: string } | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

// A slug never holds a dot and a market code never does either: "mi-band.US".
function parseCell(value: string | null): ReadinessView['cell'] {
  const dot = value?.lastIndexOf('.') ?? -1;
  if (!value || dot < 1 || dot === value.length - 1) return null;
  return { product: value.slice(0, dot), market: value.slice(dot + 1) };
}

export function cellKey(product: string, market: string): string {
  return `${product}.${market}`;
}

export function useReadinessView(): [ReadinessView, (change: Partial<ReadinessView>) => void] {
  const [params, setParams] = useSearchParams();
  const at = params.get('at') ?? '';
  const view: ReadinessView = {
    markets: [...new Set(params.getAll('market').map((code) => code.toUpperCase()))],
    q: params.get('q') ?? '',
    at: DAY.test(at) ? at : '',
    cell: parseCell(params.get('cell')),
  };
  const update = (change: Partial<ReadinessView>) => {
    const next = { ...view, ...change };
    const query = new URLSearchParams();
    for (const market of next.markets) query.append('market', market);
    if (next.q) query.set('q', next.q);
    if (next.at) query.set('at', next.at);
    if (next.cell) query.set('cell', cellKey(next.cell.product, next.cell.market));
    setParams(query, { replace: true });
  };
  return [view, update];
}
