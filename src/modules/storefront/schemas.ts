import Type, { type Static } from 'typebox';
import type { Product } from '../catalog/index.js';
import { SHELF_LIMIT } from '../inventory/index.js';
import { type Market, PublicMarket } from '../markets/index.js';
import { type Money, MoneySchema, money, type Price } from '../pricing/index.js';

const StorePrice = Type.Union([MoneySchema, Type.Null()], {
  description: 'the price in force now; null: no price in this market, so it cannot be bought here',
});

export const StoreProduct = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  category: Type.String(),
  images: Type.Array(Type.Object({ url: Type.String(), alt: Type.String() })),
  variants: Type.Array(
    Type.Object({
      sku: Type.String(),
      name: Type.String(),
      attributes: Type.Record(Type.String(), Type.String()),
      price: StorePrice,
    }),
  ),
  fromPrice: Type.Union([MoneySchema, Type.Null()], {
    description: 'the lowest of the variants\' prices ("from $29.99"); null when none has one',
  }),
});
export type StoreProduct = Static<typeof StoreProduct>;

export const Availability = Type.Object({
  sellable: Type.Boolean(),
  message: Type.String({
    description: 'for shoppers: "Available in United States" or "Not available in United States"',
  }),
  reason: Type.Union([Type.String(), Type.Null()], {
    description:
      'for shoppers, why it cannot be bought here, as the cart says it: "Mi 4 cannot be bought in United States: ' +
      'it is not yet certified for sale here; …"; null when it can',
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

/** A product as shoppers of the market see it, each variant with its price in force (or null). */
export function storeProduct(p: Product, prices: Map<string, Price>, market: Pick<Market, 'locale'>): StoreProduct {
  let from: Price | undefined;
  const variants = p.variants.map((v) => {
    const price = prices.get(v.sku);
    if (price && (!from || price.amount < from.amount)) from = price;
    return { sku: v.sku, name: v.name, attributes: v.attributes, price: price ? shown(price, market) : null };
  });
  return {
    slug: p.slug,
    name: p.name,
    description: p.description,
    category: p.category,
    images: p.images,
    variants,
    fromPrice: from ? shown(from, market) : null,
  };
}

function shown(price: Price, market: Pick<Market, 'locale'>): Money {
  return money(price.amount, price.currency, market.locale);
}
