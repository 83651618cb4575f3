import Type, { type Static } from 'typebox';

// The shipping HTTP contract: one source for validation, types and OpenAPI.

export const MethodCode = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  maxLength: 40,
  description: 'shipping method code, kebab-case: "standard", "express"',
});
export const MarketParam = Type.String({ pattern: '^[A-Za-z0-9]{2,8}$', description: 'market code, any case' });

/** The shape of a shipping address; addressIssues() says whether it is deliverable. */
export const ShippingAddressSchema = Type.Object(
  {
    name: Type.String({ maxLength: 100, description: 'who the parcel is for' }),
    line1: Type.String({ maxLength: 200 }),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    city: Type.String({ maxLength: 100 }),
    region: Type.Optional(
      Type.String({ maxLength: 100, description: 'US state or Canadian province code (required there): "CA", "ON"' }),
    ),
    postalCode: Type.Optional(Type.String({ maxLength: 20, description: 'ZIP code, postcode, PIN code, ...' })),
    country: Type.String({
      pattern: '^[A-Za-z]{2}$',
      description: "ISO 3166-1 alpha-2, one of the market's countries",
    }),
  },
  { additionalProperties: false },
);

const Days = Type.Union([Type.Integer({ minimum: 0, maximum: 365 }), Type.Null()]);
const Decimal = (description: string) => Type.String({ pattern: '^[0-9]+(\\.[0-9]+)?$', maxLength: 40, description });

export const ShippingMethodInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'for shoppers: "Standard delivery"' }),
    amount: Decimal('the flat charge as decimal text in the market\'s currency: "5.99", "550" for JPY'),
    freeAbove: Type.Optional(
      Type.Union([Decimal('free when the goods subtotal reaches this amount: "35.00"'), Type.Null()]),
    ),
    minDays: Type.Optional(Days),
    maxDays: Type.Optional(Days),
    active: Type.Optional(Type.Boolean({ description: 'offered to shoppers; default true' })),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: "must be the market's currency" })),
  },
  { additionalProperties: false },
);
export type ShippingMethodInput = Static<typeof ShippingMethodInput>;

export const ShippingMethodRecord = Type.Object({
  market: Type.String(),
  code: Type.String(),
  name: Type.String(),
  currency: Type.String(),
  amount: Type.Integer({ description: 'minor units' }),
  decimal: Type.String({ description: 'the amount as PUT takes it: "5.99"' }),
  formatted: Type.String(),
  freeAbove: Type.Union([Type.Integer(), Type.Null()], { description: 'minor units' }),
  freeAboveDecimal: Type.Union([Type.String(), Type.Null()]),
  minDays: Type.Union([Type.Integer(), Type.Null()]),
  maxDays: Type.Union([Type.Integer(), Type.Null()]),
  active: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type ShippingMethodRecord = Static<typeof ShippingMethodRecord>;

/** What shoppers see of a method. */
export const StoreShippingMethod = Type.Object({
  code: Type.String(),
  name: Type.String(),
  amount: Type.Integer({ description: 'minor units of the currency' }),
  currency: Type.String(),
  formatted: Type.String({ description: 'the charge in the market\'s locale: "$5.99"' }),
  freeAbove: Type.Union([Type.Integer(), Type.Null()], {
    description: 'minor units: free when the goods subtotal reaches it; null: never free',
  }),
  freeAboveFormatted: Type.Union([Type.String(), Type.Null()]),
  minDays: Type.Union([Type.Integer(), Type.Null()]),
  maxDays: Type.Union([Type.Integer(), Type.Null()]),
});
export type StoreShippingMethod = Static<typeof StoreShippingMethod>;
