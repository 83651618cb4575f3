import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { type AdminProduct, adminCommands, adminQueries } from '../api';
import { ErrorPanel, Loading } from '../components/Status';
import { formatDate, humanize } from '../format';
import { useCan } from './auth/session';

export function AssortmentPage() {
  const markets = useQuery(adminQueries.markets());
  const products = useQuery(adminQueries.products());
  const [params, setParams] = useSearchParams();
  const marketList = markets.data?.markets ?? [];
  const selected = params.get('market')?.toUpperCase() ?? marketList[0]?.code ?? '';
  const market = marketList.find((m) => m.code === selected);

  return (
    <>
      <title>Assortment — marketgate admin</title>
      <header className="page-header">
        <h1>Assortment</h1>
        <p className="muted">
          Listing a product is the business decision to sell it in a market. It still has to pass compliance and
          ecosystem checks before shoppers can buy it.
        </p>
      </header>
      {markets.isPending ? <Loading what="markets" /> : null}
      {markets.isError ? <ErrorPanel error={markets.error} /> : null}
      {markets.data ? (
        <div className="toolbar">
          <label className="field">
            <span className="field__label">Market</span>
            <select
              value={market ? selected : ''}
              onChange={(event) => setParams({ market: event.target.value }, { replace: true })}
            >
              {market ? null : (
                <option value="" disabled>
                  Choose a market
                </option>
              )}
              {marketList.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.code} — {m.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      {products.isPending ? <Loading what="products" /> : null}
      {products.isError ? <ErrorPanel error={products.error} /> : null}
      {market && products.data ? (
        <Checklist market={market.code} marketName={market.name} products={products.data.products} />
      ) : null}
    </>
  );
}

function Checklist({ market, marketName, products }: { market: string; marketName: string; products: AdminProduct[] }) {
  const assortment = useQuery(adminQueries.assortment(market));
  const canEdit = useCan('markets:write');
  if (assortment.isPending) return <Loading what={`the ${marketName} assortment`} />;
  if (assortment.isError) return <ErrorPanel error={assortment.error} />;
  const listedAt = new Map(assortment.data.listings.map((l) => [l.productId, l.listedAt]));
  return (
    <fieldset className="panel checklist" disabled={!canEdit} aria-describedby={canEdit ? undefined : 'read-only'}>
      <legend>
        Products listed in {marketName}{' '}
        <span className="muted">
          ({listedAt.size} of {products.length})
        </span>
      </legend>
      {canEdit ? null : (
        <p id="read-only" className="checklist__note muted">
          Read only: changing an assortment needs the <code>markets:write</code> permission.
        </p>
      )}
      <ul className="checklist__items">
        {products.map((product) => (
          <ListingToggle key={product.id} market={market} product={product} listedAt={listedAt.get(product.id)} />
        ))}
      </ul>
    </fieldset>
  );
}

function ListingToggle({ market, product, listedAt }: { market: string; product: AdminProduct; listedAt?: string }) {
  const queryClient = useQueryClient();
  // Set in the change handler itself: a controlled checkbox whose state does not change within the event
  // is put back by React, and the mutation's pending state only reaches React on a later tick.
  const [requested, setRequested] = useState<boolean>();
  const toggle = useMutation({
    mutationFn: async (list: boolean): Promise<void> => {
      if (list) await adminCommands.list(market, product.id);
      else await adminCommands.unlist(market, product.id);
    },
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: adminQueries.assortment(market).queryKey }),
        queryClient.invalidateQueries({ queryKey: ['store'] }),
      ]);
      setRequested(undefined);
    },
  });
  const listed = listedAt !== undefined;
  const id = `listing-${market}-${product.id}`;
  return (
    <li className={`checklist__item${toggle.isPending ? ' is-pending' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={requested ?? listed}
        disabled={toggle.isPending}
        onChange={(event) => {
          setRequested(event.target.checked);
          toggle.mutate(event.target.checked);
        }}
      />
      <label htmlFor={id}>
        <span className="checklist__name">{product.name}</span>
        <span className="muted"> {humanize(product.category)}</span>
      </label>
      <span className="checklist__meta muted">
        {toggle.isError ? (
          <span className="text-error" role="alert">
            {toggle.error.message}
          </span>
        ) : listedAt ? (
          `Listed ${formatDate(listedAt)}`
        ) : (
          'Not listed'
        )}
      </span>
    </li>
  );
}
