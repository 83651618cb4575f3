import Type, { type Static } from 'typebox';
import { Sku } from '../catalog/index.js';

// The pricing HTTP contract: one source for validation, types and OpenAPI.

export const MoneySchema = Type.Object(
  {
    amount: Type.Integer({ description: 'minor units of the currency (cents; yen have none): 2999 is $29.99' }),
    currency: Type.String({ description: 'ISO 4217 code' }),
    formatted: Type.String({ description: 'for shoppers, in the market\'s locale: "$29.99", "￥4,480"' }),
  },
  { description: 'an amount of money' },
);

const MarketCode = Type.String({ pattern: '^[A-Za-z0-9]{2,8}$', description: 'market code, any case' });
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 instant, e.g. 2026-12-01T00:00:00Z' });

export const DecimalAmount = Type.String({
  pattern: '^[0-9]+(\\.[0-9]+)?$',
  maxLength: 40,
  description:
    'the amount in major units as decimal text, in the market\'s currency: "19.99" for USD, "4480" for JPY; ' +
    'more decimals than the currency has (ISO 4217) are refused',
});

export const PriceInput = Type.Object(
  {
    amount: DecimalAmount,
    currency: Type.Optional(
      Type.String({ pattern: '^[A-Z]{3}$', description: "must be the market's currency; given as a check" }),
    ),
    validFrom: Type.Optional(
      Type.Union([Instant, Type.Null()], {
        description:
          'first instant the price is in force; absent or null: the base price, in force when no dated price is',
      }),
    ),
    validUntil: Type.Optional(
      Type.Union([Instant, Type.Null()], { description: 'first instant the price is no longer in force; null: open' }),
    ),
  },
  { additionalProperties: false },
);
export type PriceInput = Static<typeof PriceInput>;

export const PriceRecord = Type.Object({
  market: Type.String(),
  sku: Type.String(),
  currency: Type.String(),
  amount: Type.Integer({ description: 'minor units' }),
  decimal: Type.String({ description: 'the amount in major units, as PUT takes it: "19.99"' }),
  formatted: Type.String({ description: "in the market's locale" }),
  validFrom: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  validUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  inForce: Type.Boolean({ description: 'the price shoppers see now' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type PriceRecord = Static<typeof PriceRecord>;

export const PriceFilter = Type.Object(
  { market: Type.Optional(MarketCode), sku: Type.Optional(Sku) },
  { additionalProperties: false },
);
export type PriceFilter = Static<typeof PriceFilter>;

export const PriceParams = Type.Object({ market: MarketCode, sku: Sku });
export const PriceKey = Type.Object(
  {
    validFrom: Type.Optional(
      Type.String({ format: 'date-time', description: "the dated price's validFrom; absent: the base price" }),
    ),
  },
  { additionalProperties: false },
);
