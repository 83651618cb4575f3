import Type from 'typebox';
import { ShippingAddressSchema } from '../shipping/index.js';

// The HTTP shapes of carts, orders and payments. Money is always integer minor units with its currency.

const Money = Type.Integer({ minimum: 0, description: 'minor units of the currency (cents; yen)' });

export const CartSchema = Type.Object({
  id: Type.String({ description: 'the cart token: keep it to come back to the cart' }),
  market: Type.String(),
  currency: Type.String(),
  items: Type.Array(
    Type.Object({
      sku: Type.String(),
      product: Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }),
      variant: Type.Object({ name: Type.String() }),
      quantity: Type.Integer(),
      unitPrice: Type.Union([Money, Type.Null()]),
      amount: Type.Union([Money, Type.Null()]),
      problem: Type.Union([Type.String(), Type.Null()], { description: 'why the line cannot be bought now' }),
    }),
  ),
  totals: Type.Object({
    subtotal: Money,
    discount: Money,
    shipping: Type.Union([Money, Type.Null()]),
    tax: Type.Union([Money, Type.Null()], { description: 'null until the address is known, where tax is added' }),
    taxIncluded: Type.Boolean(),
    taxLines: Type.Array(Type.Object({ label: Type.String(), amount: Money })),
    total: Money,
  }),
  orderId: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
});

export const CheckoutBody = Type.Object(
  {
    email: Type.String({ maxLength: 254, description: 'an email address; checked with the address' }),
    shippingAddress: ShippingAddressSchema,
    shippingMethod: Type.String({ minLength: 1, maxLength: 50 }),
  },
  { additionalProperties: false },
);

export const UnitCheckoutBody = Type.Object(
  {
    email: Type.Optional(
      Type.String({
        maxLength: 254,
        description: 'an email address, checked with the address; default: the admitted buyer',
      }),
    ),
    shippingAddress: ShippingAddressSchema,
    shippingMethod: Type.String({ minLength: 1, maxLength: 50 }),
  },
  { additionalProperties: false },
);

export const PaymentBody = Type.Object(
  {
    provider: Type.String({ minLength: 1, maxLength: 50, description: '"test" is built in' }),
    card: Type.Object(
      {
        number: Type.String({ minLength: 1, maxLength: 30 }),
        expMonth: Type.Integer(),
        expYear: Type.Integer(),
        cvc: Type.String({ maxLength: 4 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const OrderSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  market: Type.String(),
  status: Type.String(),
  email: Type.String(),
  shippingAddress: ShippingAddressSchema,
  shippingMethod: Type.Object({ code: Type.String(), name: Type.String() }),
  currency: Type.String(),
  lines: Type.Array(
    Type.Object({
      sku: Type.String(),
      productId: Type.String(),
      productName: Type.String(),
      variantName: Type.String(),
      quantity: Type.Integer(),
      unitPrice: Money,
      amount: Money,
      tax: Money,
    }),
  ),
  totals: Type.Object({
    subtotal: Money,
    discount: Money,
    shipping: Money,
    tax: Money,
    taxIncluded: Type.Boolean(),
    taxLines: Type.Array(Type.Object({ label: Type.String(), amount: Money })),
    total: Money,
    refunded: Money,
  }),
  holdUntil: Type.Union([Type.String(), Type.Null()], { description: 'until when the stock is held for payment' }),
  actions: Type.Array(Type.String(), { description: 'what staff may do next' }),
  createdAt: Type.String(),
});

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 255, description: 'retries with the same key get the first answer' }),
  ),
});

export const DeclinedSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    declineCode: Type.String({ description: 'card_declined, insufficient_funds, expired_card, incorrect_cvc, ...' }),
    order: OrderSchema,
  },
  { description: 'RFC 9457 problem details for a declined card, with the order, still open for another card' },
);
