import { Link } from 'react-router';
import type { Product } from '../api';
import { humanize, plural } from '../format';

export function ProductImage({ product, className }: { product: Product; className: string }) {
  const image = product.images[0];
  if (!image) return <div className={`${className} ${className}--none`} aria-hidden="true" />;
  return <img className={className} src={image.url} alt={image.alt || product.name} loading="lazy" />;
}

/** "$29.99", or "From $19.99" when the variants cost different amounts; nothing without a price. */
export function priceText(product: Product): string | null {
  if (!product.fromPrice) return null;
  const amounts = new Set(product.variants.flatMap((v) => (v.price ? [v.price.amount] : [])));
  return amounts.size > 1 ? `From ${product.fromPrice.formatted}` : product.fromPrice.formatted;
}

export function ProductCard({ product, market }: { product: Product; market: string }) {
  const price = priceText(product);
  return (
    <article className="card card--product">
      <Link className="card--product__link" to={`/${market}/products/${product.slug}`}>
        <ProductImage product={product} className="card--product__image" />
        <h2 className="card__title">{product.name}</h2>
      </Link>
      {price ? <p className="card__price">{price}</p> : null}
      <p className="card__meta">
        <span>{humanize(product.category)}</span>
        <span aria-hidden="true"> · </span>
        <span>{plural(product.variants.length, 'variant')}</span>
      </p>
    </article>
  );
}
