import Type, { type Static } from 'typebox';
import { Sku } from '../catalog/index.js';
import { MoneySchema } from '../pricing/schemas.js';
import { ShippingAddressSchema } from '../shipping/index.js';

// The quote's HTTP contract: what a basket costs delivered to an address.

export const QuoteRequest = Type.Object(
  {
    lines: Type.Array(
      Type.Object({ sku: Sku, quantity: Type.Integer({ minimum: 1, maximum: 999 }) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 100 },
    ),
    shippingAddress: ShippingAddressSchema,
    shippingMethod: Type.Optional(
      Type.String({ maxLength: 40, description: 'a code from GET /api/store/markets/:market/shipping-methods' }),
    ),
  },
  { additionalProperties: false },
);
export type QuoteRequest = Static<typeof QuoteRequest>;

export const Quote = Type.Object({
  market: Type.String(),
  currency: Type.String(),
  pricesIncludeTax: Type.Boolean({ description: 'true: the prices and shipping contain the tax; false: it is added' }),
  lines: Type.Array(
    Type.Object({
      sku: Type.String(),
      quantity: Type.Integer(),
      unitPrice: MoneySchema,
      total: MoneySchema,
      tax: MoneySchema,
    }),
  ),
  subtotal: MoneySchema,
  shipping: Type.Union([
    Type.Object({ method: Type.String(), name: Type.String(), amount: MoneySchema, tax: MoneySchema }),
    Type.Null(),
  ]),
  tax: Type.Object({
    amount: MoneySchema,
    included: Type.Boolean(),
    rates: Type.Array(
      Type.Object({
        jurisdiction: Type.String(),
        label: Type.String({ description: '"CA sales tax 7.25%", "VAT 19% (included)"' }),
        rate: Type.String({ description: 'percentage: "7.25"' }),
        amount: MoneySchema,
      }),
    ),
  }),
  total: MoneySchema,
});
export type Quote = Static<typeof Quote>;
