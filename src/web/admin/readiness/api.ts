import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { request, seg } from '../../api';

// The readiness API as the console reads it (src/modules/readiness/routes.ts and matrix.ts are the source).

export type GateName = 'assortment' | 'compliance' | 'ecosystem';

/** The three gates in the order the verdict gives them: business, law, technology. */
export const GATES: readonly GateName[] = ['assortment', 'compliance', 'ecosystem'];

export type GateStates = Record<GateName, boolean>;

export interface MatrixCell {
  /** The product's slug. */
  product: string;
  /** The market's code. */
  market: string;
  sellable: boolean;
  gates: GateStates;
  /** The closed gates' reasons, one line each ("compliance: Missing evidence for …"). */
  blockers: string[];
  /** The day it is (or becomes) sellable, when every missing piece has a known date. */
  earliest: string | null;
}

export interface Matrix {
  at: string;
  markets: Array<{ code: string; name: string }>;
  products: Array<{ id: string; slug: string; name: string }>;
  cells: MatrixCell[];
}

export interface Finding {
  ok: boolean;
  /** The market, a requirement code or a service code. */
  subject: string;
  text: string;
  citation?: string;
  source?: string;
  certificate?: { id: string; identifier: string | null; expiresOn: string | null };
  regions?: string[];
}

export interface GateResult {
  gate: GateName;
  open: boolean;
  reason: string;
  findings: Finding[];
}

export interface PlanStep {
  gate: GateName;
  action: 'list' | 'obtain' | 'renew' | 'deploy' | 'wait';
  subject: string;
  text: string;
  /** The day the step completes by itself. */
  on?: string;
}

export interface Verdict {
  sellable: boolean;
  gates: GateResult[];
  plan: PlanStep[];
  earliest: string | null;
}

export interface VerdictDetail {
  product: { id: string; slug: string; name: string };
  market: { code: string; name: string; jurisdiction: string };
  at: string;
  verdict: Verdict;
}

/** One recorded change of a verdict: the audit trail of sellability. */
export interface VerdictChange {
  id: number;
  at: string;
  product: string;
  market: string;
  /** Null the first time the product and market were evaluated. */
  from: boolean | null;
  to: boolean;
  fromGates: GateStates | null;
  toGates: GateStates;
  reasons: string[];
  cause: string;
}

export interface MatrixFilter {
  /** Market codes; empty for every market. */
  markets: string[];
  /** Product slugs; empty for every product. */
  products: string[];
  /** A day ("2027-03-01"); empty for now. */
  at: string;
}

export interface ChangesFilter {
  /** A product slug; empty for every product. */
  product: string;
  /** A market code; empty for every market. */
  market: string;
}

function matrixQuery(filter: MatrixFilter): URLSearchParams {
  const query = new URLSearchParams();
  for (const market of filter.markets) query.append('market', market);
  for (const product of filter.products) query.append('product', product);
  if (filter.at) query.set('at', filter.at);
  return query;
}

/** The same matrix as a CSV file, for the download link. */
export function matrixCsvUrl(filter: MatrixFilter): string {
  const query = matrixQuery(filter);
  query.set('format', 'csv');
  return `/api/admin/readiness?${query}`;
}

/** Notify-me requests for one product in one market (src/modules/notify/service.ts is the source). */
export interface Demand {
  product: { id: string; slug: string; name: string };
  market: string;
  /** Shoppers still waiting to hear. */
  waiting: number;
  /** Shoppers emailed when it opened. */
  notified: number;
}

export const readinessQueries = {
  demand: () =>
    queryOptions({
      queryKey: ['admin', 'notify', 'demand'],
      queryFn: () => request<{ demand: Demand[] }>('/api/admin/notify/demand'),
    }),
  matrix: (filter: Pick<MatrixFilter, 'markets' | 'at'>) =>
    queryOptions({
      queryKey: ['admin', 'readiness', 'matrix', filter],
      queryFn: () => request<Matrix>(`/api/admin/readiness?${matrixQuery({ ...filter, products: [] })}`),
      // A new filter keeps the old matrix on screen until the new one arrives, instead of a spinner.
      placeholderData: keepPreviousData,
    }),
  verdict: (product: string, market: string, at: string) =>
    queryOptions({
      queryKey: ['admin', 'readiness', 'verdict', product, market, at],
      queryFn: () =>
        request<VerdictDetail>(
          `/api/admin/readiness/${seg(product)}/${seg(market)}${at ? `?${new URLSearchParams({ at })}` : ''}`,
        ),
    }),
  changes: (filter: ChangesFilter, pageSize: number) =>
    infiniteQueryOptions({
      queryKey: ['admin', 'readiness', 'changes', filter, pageSize],
      queryFn: ({ pageParam }) => {
        const query = new URLSearchParams({ limit: String(pageSize) });
        if (pageParam !== null) query.set('before', String(pageParam));
        if (filter.product) query.set('product', filter.product);
        if (filter.market) query.set('market', filter.market);
        return request<{ changes: VerdictChange[] }>(`/api/admin/readiness/changes?${query}`);
      },
      initialPageParam: null as number | null,
      // Newest first: the next, older page starts below the last id seen. A short page is the last one.
      getNextPageParam: (page) => (page.changes.length < pageSize ? undefined : page.changes.at(-1)?.id),
    }),
};
