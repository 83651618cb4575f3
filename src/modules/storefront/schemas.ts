import Type, { type Static } from 'typebox';
import type { Product } from '../catalog/index.js';
import { PublicMarket } from '../markets/index.js';

export const StoreProduct = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  category: Type.String(),
  images: Type.Array(Type.Object({ url: Type.String(), alt: Type.String() })),
  variants: Type.Array(
    Type.Object({ sku: Type.String(), name: Type.String(), attributes: Type.Record(Type.String(), Type.String()) }),
  ),
});
export type StoreProduct = Static<typeof StoreProduct>;

export const Availability = Type.Object({
  sellable: Type.Boolean(),
  message: Type.String({
    description: 'for shoppers: "Available in United States" or "Not available in United States"',
  }),
});

export const ProductListing = Type.Object({ market: PublicMarket, products: Type.Array(StoreProduct) });
export const ProductPage = Type.Object({ market: PublicMarket, product: StoreProduct, availability: Availability });
export type ProductPage = Static<typeof ProductPage>;

export function storeProduct(p: Product): StoreProduct {
  return {
    slug: p.slug,
    name: p.name,
    description: p.description,
    category: p.category,
    images: p.images,
    variants: p.variants.map((v) => ({ sku: v.sku, name: v.name, attributes: v.attributes })),
  };
}
