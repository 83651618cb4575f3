import Type, { type Static } from 'typebox';
import { Sku } from '../catalog/index.js';

// The inventory's HTTP contract: one source for validation, types and OpenAPI.

export const LocationCode = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  maxLength: 64,
  description: 'stock location code, kebab-case, e.g. "us-east-wh"',
});
const MarketCode = Type.String({ pattern: '^[A-Za-z0-9]{2,8}$', description: 'market code, any case' });
const Count = Type.Integer({ minimum: 0, maximum: 100_000_000 });

// Stock locations

const locationFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  priority: Type.Integer({
    minimum: 0,
    maximum: 1_000_000,
    description: 'lower first: a reservation takes stock from the first location, by priority, that has it',
  }),
  markets: Type.Array(MarketCode, {
    uniqueItems: true,
    maxItems: 100,
    description: 'the markets this location ships to',
  }),
};

export const LocationInput = Type.Object(
  { code: LocationCode, ...locationFields, priority: Type.Optional(locationFields.priority) },
  { additionalProperties: false },
);
export type LocationInput = Static<typeof LocationInput>;

export const LocationPatch = Type.Partial(Type.Object(locationFields), {
  additionalProperties: false,
  minProperties: 1,
  description: 'fields given replace the stored ones (markets: the whole list); the code stays',
});
export type LocationPatch = Static<typeof LocationPatch>;

export const Location = Type.Object({
  code: Type.String(),
  name: Type.String(),
  priority: Type.Integer(),
  markets: Type.Array(Type.String()),
});
export type Location = Static<typeof Location>;

// Stock levels

export const StockParams = Type.Object({ location: LocationCode, sku: Sku });

export const StockSet = Type.Object(
  {
    onHand: Count,
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'default: "stock count"' })),
  },
  { additionalProperties: false },
);
export type StockSet = Static<typeof StockSet>;

export const StockAdjust = Type.Object(
  {
    delta: Type.Integer({
      minimum: -100_000_000,
      maximum: 100_000_000,
      description: 'units added to on hand (negative: removed); not 0',
    }),
    reason: Type.String({ minLength: 1, maxLength: 500, description: 'e.g. "delivery PO-1234", "damaged in storage"' }),
  },
  { additionalProperties: false },
);
export type StockAdjust = Static<typeof StockAdjust>;

export const StockFilter = Type.Object(
  {
    market: Type.Optional(MarketCode),
    sku: Type.Optional(Sku),
  },
  { additionalProperties: false },
);

const counts = {
  onHand: Type.Integer({ description: 'units in the location' }),
  reserved: Type.Integer({ description: 'units held by checkouts not yet paid' }),
  available: Type.Integer({ description: 'on hand less reserved' }),
};

export const StockLevel = Type.Object({
  location: Type.String(),
  sku: Type.String(),
  ...counts,
  updatedAt: Type.String({ format: 'date-time' }),
});
export type StockLevel = Static<typeof StockLevel>;

export const StockList = Type.Object({
  market: Type.Union([Type.String(), Type.Null()], { description: 'the market filtered on, if any' }),
  levels: Type.Array(StockLevel),
  totals: Type.Array(Type.Object({ sku: Type.String(), ...counts }), {
    description: 'per SKU over the levels listed: with a market, what that market can sell',
  }),
});
export type StockList = Static<typeof StockList>;

export const StockDetail = Type.Object({
  ...StockLevel.properties,
  adjustments: Type.Array(
    Type.Object({
      delta: Type.Integer(),
      onHandAfter: Type.Integer(),
      reason: Type.String(),
      at: Type.String({ format: 'date-time' }),
    }),
    { description: 'changes of on hand made by staff, newest first (the latest 50)' },
  ),
});
export type StockDetail = Static<typeof StockDetail>;
