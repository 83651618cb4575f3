import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { isNotFound, storeQueries } from '../api';
import { ErrorPanel, Loading } from '../components/Status';
import { plural } from '../format';
import { SaleAnnouncements } from './flashsale/SaleAnnouncements';
import { forgetMarket, rememberMarket } from './marketMemory';
import { NotSold } from './NotSold';
import { ProductCard } from './ProductCard';

export function MarketPage() {
  const { market = '' } = useParams();
  const listing = useQuery(storeQueries.products(market));
  const unknown = isNotFound(listing.error);

  useEffect(() => {
    if (listing.isSuccess) rememberMarket(market);
    else if (unknown) forgetMarket(market);
  }, [listing.isSuccess, unknown, market]);

  if (listing.isPending) return <Loading what="products" />;
  if (unknown) return <NotSold code={market} />;
  if (listing.isError) return <ErrorPanel error={listing.error} />;

  const { market: info, products } = listing.data;
  return (
    <>
      <title>{`Mi Store ${info.name}`}</title>
      <section className="hero hero--market">
        <h1>Mi Store {info.name}</h1>
        <p className="lede">
          {plural(products.length, 'product')} available · prices in {info.currency}
        </p>
      </section>
      <SaleAnnouncements market={market} />
      {products.length === 0 ? (
        <div className="empty">
          <h2>Nothing here yet</h2>
          <p>We have not launched any products in {info.name} yet. Check back soon.</p>
        </div>
      ) : (
        <ul className="grid grid--products" aria-label={`Products in ${info.name}`}>
          {products.map((product) => (
            <li key={product.slug}>
              <ProductCard product={product} market={market} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
