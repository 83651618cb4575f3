import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { type Availability, isNotFound, storeQueries, type VariantStock } from '../api';
import { Chips } from '../components/Chips';
import { ErrorPanel, Loading } from '../components/Status';
import { humanize } from '../format';
import { AddToCart } from './AddToCart';
import { Discussion } from './discussion/Discussion';
import { SaleAnnouncements } from './flashsale/SaleAnnouncements';
import { NotifyMe } from './NotifyMe';
import { NotSold } from './NotSold';
import { ProductImage, priceText } from './ProductCard';

export function ProductPage() {
  const { market = '', slug = '' } = useParams();
  const page = useQuery(storeQueries.product(market, slug));
  const markets = useQuery(storeQueries.markets());

  if (page.isPending) return <Loading what="product" />;
  if (isNotFound(page.error)) {
    const marketKnown = markets.data?.markets.some((m) => m.code.toLowerCase() === market);
    if (markets.isSuccess && !marketKnown) return <NotSold code={market} />;
    return (
      <section className="empty">
        <title>Product not found — Mi Store</title>
        <h1>Product not found</h1>
        <p>We could not find “{slug}”.</p>
        <Link className="button" to={`/${market}`}>
          See all products
        </Link>
      </section>
    );
  }
  if (page.isError) return <ErrorPanel error={page.error} />;

  const { product, availability, stock, market: info } = page.data;
  const stockOf = new Map(stock.map((s) => [s.sku, s]));
  const price = availability.sellable ? priceText(product) : null;
  return (
    <article className="product">
      <title>{`${product.name} — Mi Store ${info.name}`}</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/${market}`}>Mi Store {info.name}</Link>
        <span aria-hidden="true"> / </span>
        <span>{humanize(product.category)}</span>
      </nav>
      <div className="product__layout">
        <div className="product__media">
          <ProductImage product={product} className="product__image" />
        </div>
        <div className="product__info">
          <p className="eyebrow">{humanize(product.category)}</p>
          <h1>{product.name}</h1>
          {price ? <p className="product__price">{price}</p> : null}
          <p className="product__description">{product.description}</p>
          <SaleAnnouncements market={market} product={product.slug} />
          <AvailabilityPanel availability={availability}>
            <NotifyMe market={market} slug={slug} marketName={info.name} />
          </AvailabilityPanel>
          <section aria-labelledby="variants-heading">
            <h2 id="variants-heading">Variants</h2>
            <ul className="variants">
              {product.variants.map((variant) => {
                const stock = stockOf.get(variant.sku);
                const ids = { stock: `stock-${variant.sku}`, price: `price-${variant.sku}` };
                const blocked = !availability.sellable
                  ? { reason: `Not sold in ${info.name}` }
                  : !variant.price
                    ? { reason: 'Not yet priced', reasonId: ids.price }
                    : !stock?.inStock
                      ? { reason: 'Out of stock', reasonId: ids.stock }
                      : { reason: null };
                return (
                  <li key={variant.sku} className="variant">
                    <span className="variant__name">{variant.name}</span>
                    {availability.sellable ? <StockNote id={ids.stock} stock={stock} /> : null}
                    {availability.sellable ? (
                      <span id={ids.price} className="variant__price">
                        {variant.price?.formatted ?? 'Not yet priced'}
                      </span>
                    ) : null}
                    <Chips
                      label={`${variant.name} attributes`}
                      items={Object.entries(variant.attributes).map(([k, v]) => `${humanize(k)}: ${v}`)}
                    />
                    <AddToCart
                      market={market}
                      sku={variant.sku}
                      name={variant.name}
                      available={stock?.available ?? 0}
                      {...blocked}
                    />
                  </li>
                );
              })}
            </ul>
          </section>
        </div>
      </div>
      <Discussion key={product.slug} slug={product.slug} />
    </article>
  );
}

function StockNote({ id, stock }: { id: string; stock: VariantStock | undefined }) {
  if (!stock?.inStock)
    return (
      <span id={id} className="variant__stock variant__stock--out">
        Out of stock
      </span>
    );
  if (stock.available <= 5)
    return (
      <span id={id} className="variant__stock variant__stock--low">
        Only {stock.available} left
      </span>
    );
  return (
    <span id={id} className="variant__stock">
      In stock
    </span>
  );
}

/** The verdict in a shopper's words; when closed, what they can do about it (children). */
function AvailabilityPanel({ availability, children }: { availability: Availability; children: ReactNode }) {
  const open = availability.sellable;
  return (
    <section className={`availability availability--${open ? 'open' : 'closed'}`} aria-label="Availability">
      <p className="availability__verdict">
        <span className="availability__icon" aria-hidden="true">
          {open ? '✓' : '✕'}
        </span>
        {availability.message}
      </p>
      {open ? null : <p className="availability__note">{availability.reason}</p>}
      {open ? null : children}
    </section>
  );
}
