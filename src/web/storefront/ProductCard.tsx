import { Link } from 'react-router';
import type { Product } from '../api';
import { humanize, plural } from '../format';

export function ProductImage({ product, className }: { product: Product; className: string }) {
  const image = product.images[0];
  if (!image) return <div className={`${className} ${className}--none`} aria-hidden="true" />;
  return <img className={className} src={image.url} alt={image.alt || product.name} loading="lazy" />;
}

export function ProductCard({ product, market }: { product: Product; market: string }) {
  return (
    <article className="card card--product">
      <Link className="card--product__link" to={`/${market}/products/${product.slug}`}>
        <ProductImage product={product} className="card--product__image" />
        <h2 className="card__title">{product.name}</h2>
      </Link>
      <p className="card__meta">
        <span>{humanize(product.category)}</span>
        <span aria-hidden="true"> · </span>
        <span>{plural(product.variants.length, 'variant')}</span>
      </p>
    </article>
  );
}
