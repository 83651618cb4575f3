import Type, { type Static } from 'typebox';

export const MarketCode = Type.String({
  pattern: '^[A-Za-z0-9]{2,8}$',
  description: 'market code, e.g. "US" or "EU" (case-insensitive in URLs, stored uppercase)',
});
const RegionCode = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  maxLength: 64,
  description: 'cloud region code',
});

const marketFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  countries: Type.Array(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }), {
    minItems: 1,
    maxItems: 250,
    uniqueItems: true,
  }),
  currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code' }),
  locale: Type.String({ minLength: 2, maxLength: 35, description: 'BCP 47 locale for formatting, e.g. "en-US"' }),
  taxMode: Type.Union([Type.Literal('inclusive'), Type.Literal('exclusive')], {
    description: 'whether shelf prices include tax',
  }),
  jurisdiction: Type.String({ pattern: '^[A-Z]{2,3}$', description: 'jurisdiction whose rules apply, e.g. "EU"' }),
  allowedRegions: Type.Array(RegionCode, {
    uniqueItems: true,
    maxItems: 100,
    description: 'cloud regions allowed to serve this market (data residency)',
  }),
};

export const MarketInput = Type.Object(
  { code: MarketCode, ...marketFields, allowedRegions: Type.Optional(marketFields.allowedRegions) },
  { additionalProperties: false },
);
export type MarketInput = Static<typeof MarketInput>;

export const MarketPatch = Type.Partial(Type.Object(marketFields), { additionalProperties: false, minProperties: 1 });
export type MarketPatch = Static<typeof MarketPatch>;

export const Market = Type.Object({
  code: Type.String(),
  ...marketFields,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Market = Static<typeof Market>;

/** What shoppers see of a market. */
export const PublicMarket = Type.Object({
  code: Type.String(),
  name: marketFields.name,
  countries: marketFields.countries,
  currency: marketFields.currency,
  locale: marketFields.locale,
  taxMode: marketFields.taxMode,
});
export type PublicMarket = Static<typeof PublicMarket>;

export function publicMarket(m: Market): PublicMarket {
  return {
    code: m.code,
    name: m.name,
    countries: m.countries,
    currency: m.currency,
    locale: m.locale,
    taxMode: m.taxMode,
  };
}
