import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { adminQueries } from '../../api';
import { ChangesList } from './ChangesList';
import './readiness.css';

/** The verdict audit trail: every change of a verdict, with the gates it moved, why, and what caused it. */
export function ChangesPage() {
  const [params, setParams] = useSearchParams();
  const filter = { product: params.get('product') ?? '', market: params.get('market')?.toUpperCase() ?? '' };
  const products = useQuery(adminQueries.products());
  const markets = useQuery(adminQueries.markets());
  const productName = new Map(products.data?.products.map((p) => [p.slug, p.name]));
  const marketName = new Map(markets.data?.markets.map((m) => [m.code, m.name]));

  const apply = (change: Partial<typeof filter>) => {
    const next = { ...filter, ...change };
    const query = new URLSearchParams();
    if (next.product) query.set('product', next.product);
    if (next.market) query.set('market', next.market);
    setParams(query, { replace: true });
  };

  return (
    <>
      <title>Verdict changes — marketgate admin</title>
      <header className="page-header">
        <h1>Verdict changes</h1>
        <p className="muted">
          Every time a product became sellable or blocked in a market, or a gate opened or closed: what changed, the
          reasons at that moment, and what caused the re-evaluation. Newest first.
        </p>
      </header>

      <search className="toolbar" aria-label="Filter the verdict changes">
        <label className="field">
          <span className="field__label">Product</span>
          <select value={filter.product} onChange={(event) => apply({ product: event.target.value })}>
            <option value="">All products</option>
            {products.data?.products.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
            {filter.product && !productName.has(filter.product) ? (
              <option value={filter.product}>{filter.product}</option>
            ) : null}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Market</span>
          <select value={filter.market} onChange={(event) => apply({ market: event.target.value })}>
            <option value="">All markets</option>
            {markets.data?.markets.map((m) => (
              <option key={m.code} value={m.code}>
                {m.code} — {m.name}
              </option>
            ))}
            {filter.market && !marketName.has(filter.market) ? (
              <option value={filter.market}>{filter.market}</option>
            ) : null}
          </select>
        </label>
      </search>

      <ChangesList
        filter={filter}
        pageSize={50}
        label="Verdict changes"
        names={{
          product: (slug) => productName.get(slug) ?? slug,
          market: (code) => marketName.get(code) ?? code,
        }}
      />
    </>
  );
}
