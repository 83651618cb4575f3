import { queryOptions } from '@tanstack/react-query';
import { type Money, type Problem, ProblemError, request, requestById, seg } from '../api';

// The shopper's commerce API as the storefront uses it: carts, shipping, quotes, checkout, payment
// and orders (src/modules/checkout/schemas.ts, src/modules/quote/schemas.ts and
// src/modules/shipping/schemas.ts are the source). Amounts are integer minor units of `currency`.

export interface CartLine {
  sku: string;
  product: { id: string; slug: string; name: string };
  variant: { name: string };
  quantity: number;
  /** Null, with the reason in `problem`, when the line may not be bought now. */
  unitPrice: number | null;
  amount: number | null;
  problem: string | null;
}

export interface TaxLine {
  label: string;
  amount: number;
}

export interface CartTotals {
  subtotal: number;
  discount: number;
  /** Null until a shipping method is chosen (at checkout). */
  shipping: number | null;
  /** Null until the address is known, where tax is added to the prices. */
  tax: number | null;
  taxIncluded: boolean;
  taxLines: TaxLine[];
  total: number;
}

export interface Cart {
  id: string;
  market: string;
  currency: string;
  items: CartLine[];
  totals: CartTotals;
  /** The order the cart became; a checked-out cart takes no more items. */
  orderId: string | null;
  updatedAt: string;
}

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  /** A US state or Canadian province code where it decides the tax; free text elsewhere. */
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2, one of the market's countries. */
  country: string;
}

export interface ShippingMethod {
  code: string;
  name: string;
  amount: number;
  currency: string;
  formatted: string;
  /** Free when the goods subtotal reaches it; null: never free. */
  freeAbove: number | null;
  freeAboveFormatted: string | null;
  minDays: number | null;
  maxDays: number | null;
}

export interface Quote {
  currency: string;
  pricesIncludeTax: boolean;
  subtotal: Money;
  shipping: { method: string; name: string; amount: Money; tax: Money } | null;
  tax: {
    amount: Money;
    included: boolean;
    rates: { jurisdiction: string; label: string; rate: string; amount: Money }[];
  };
  total: Money;
}

export const ORDER_STATUSES = ['pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderLine {
  sku: string;
  productId: string;
  productName: string;
  variantName: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  tax: number;
}

export interface Order {
  id: string;
  number: string;
  market: string;
  status: OrderStatus;
  email: string;
  shippingAddress: ShippingAddress;
  shippingMethod: { code: string; name: string };
  currency: string;
  lines: OrderLine[];
  totals: Omit<CartTotals, 'shipping' | 'tax'> & { shipping: number; tax: number; refunded: number };
  /** Until when the stock is held for payment. */
  holdUntil: string | null;
  /** What staff may do next. */
  actions: string[];
  createdAt: string;
}

export interface CheckoutInput {
  email: string;
  shippingAddress: ShippingAddress;
  shippingMethod: string;
}

export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** The 402 answer to a declined card: the order comes with it, still waiting for another card. */
export interface DeclinedProblem extends Problem {
  detail: string;
  declineCode: string;
  order: Order;
}

export function declined(error: unknown): DeclinedProblem | undefined {
  if (!(error instanceof ProblemError) || error.status !== 402) return undefined;
  const { order, declineCode } = error.problem as Problem & Partial<DeclinedProblem>;
  if (!order || !declineCode) return undefined;
  return { ...error.problem, detail: error.problem.detail ?? error.problem.title, declineCode, order };
}

const withKey = (key: string) => ({ 'idempotency-key': key });

export const commerceQueries = {
  shippingMethods: (market: string) =>
    queryOptions({
      queryKey: ['store', 'markets', market, 'shipping-methods'],
      queryFn: () =>
        request<{ market: string; methods: ShippingMethod[] }>(`/api/store/markets/${seg(market)}/shipping-methods`),
      staleTime: 5 * 60_000,
    }),
  quote: (
    market: string,
    body: { lines: { sku: string; quantity: number }[]; shippingAddress: ShippingAddress; shippingMethod: string },
  ) =>
    queryOptions({
      queryKey: ['store', 'markets', market, 'quote', body],
      queryFn: () => request<Quote>(`/api/store/markets/${seg(market)}/quote`, { method: 'POST', json: body }),
      // A refused address is an answer (its field errors are shown), not a failure to retry.
      retry: false,
    }),
  order: (id: string) =>
    queryOptions({
      queryKey: ['store', 'orders', id],
      queryFn: () => requestById<Order>(id, `/api/store/orders/${seg(id)}`),
    }),
};

export const commerceCommands = {
  createCart: (market: string) =>
    request<Cart>(`/api/store/markets/${seg(market)}/carts`, { method: 'POST', json: {} }),
  addItem: (cartId: string, sku: string, quantity: number) =>
    request<Cart>(`/api/store/carts/${seg(cartId)}/items`, { method: 'POST', json: { sku, quantity } }),
  setQuantity: (cartId: string, sku: string, quantity: number) =>
    request<Cart>(`/api/store/carts/${seg(cartId)}/items/${seg(sku)}`, { method: 'PATCH', json: { quantity } }),
  removeItem: (cartId: string, sku: string) =>
    request<Cart>(`/api/store/carts/${seg(cartId)}/items/${seg(sku)}`, { method: 'DELETE' }),
  checkout: (cartId: string, input: CheckoutInput, key: string) =>
    request<Order>(`/api/store/carts/${seg(cartId)}/checkout`, { method: 'POST', json: input, headers: withKey(key) }),
  pay: (orderId: string, card: CardInput, key: string) =>
    request<Order>(`/api/store/orders/${seg(orderId)}/payments`, {
      method: 'POST',
      json: { provider: 'test', card },
      headers: withKey(key),
    }),
  lookup: (number: string, email: string) =>
    request<Order>('/api/store/orders/lookup', { method: 'POST', json: { number, email } }),
  notifyMe: (market: string, slug: string, email: string) =>
    request<{ subscribed: boolean }>(`/api/store/markets/${seg(market)}/products/${seg(slug)}/notify`, {
      method: 'POST',
      json: { email, consent: true },
    }),
  unsubscribe: (token: string) =>
    request<{ unsubscribed: boolean }>('/api/store/notify/unsubscribe', { method: 'POST', json: { token } }),
};
