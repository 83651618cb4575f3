import Type, { type Static } from 'typebox';
import type { Product } from '../catalog/index.js';
import { SHELF_LIMIT } from '../inventory/index.js';
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

export const VariantStock = Type.Object({
  sku: Type.String(),
  inStock: Type.Boolean(),
  available: Type.Integer({
    minimum: 0,
    description: `units that can be ordered now, at most ${SHELF_LIMIT} (${SHELF_LIMIT} means that many or more)`,
  }),
});

export const ProductListing = Type.Object({ market: PublicMarket, products: Type.Array(StoreProduct) });
export const ProductPage = Type.Object({
  market: PublicMarket,
  product: StoreProduct,
  availability: Availability,
  stock: Type.Array(VariantStock, {
    description: 'per variant, what can be bought now: nothing while the product is not sold in the market',
  }),
});
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
