import { queryOptions } from '@tanstack/react-query';
import { type Money, ProblemError, request, requestById, seg } from '../../api';
import type { Order, ShippingAddress } from '../api';

// Flash sales as buyers meet them (src/modules/flashsale/routes.ts is the source): the sale, its
// counts to poll, registration with the emailed link, the purchase that admits or refuses at once,
// and the checkout of an admitted unit.

export const SALE_STATES = ['scheduled', 'registration', 'live', 'sold-out', 'ended'] as const;
export type SaleState = (typeof SALE_STATES)[number];

/** A sale's state as buyers and staff read it. */
export const STATE_TEXT: Record<SaleState, string> = {
  scheduled: 'Coming soon',
  registration: 'Registration open',
  live: 'On sale now',
  'sold-out': 'Sold out',
  ended: 'Ended',
};

export interface SaleCounts {
  quantity: number;
  remaining: number;
  held: number;
  sold: number;
  state: SaleState;
}

export interface FlashSale extends SaleCounts {
  id: string;
  market: string;
  sku: string;
  product: { slug: string; name: string; variant: string };
  price: Money;
  registrationRequired: boolean;
  registrationOpensAt: string | null;
  startsAt: string;
  endsAt: string;
  perCustomerLimit: number;
  paymentWindowSeconds: number;
  location: string;
}

/** One unit held for a buyer until heldUntil; checking it out turns it into an order. */
export interface Admission {
  id: string;
  sale: string;
  email: string;
  admittedAt: string;
  heldUntil: string;
}

/** Why a purchase was refused: the last segment of the problem's type names it. */
export const REFUSALS = [
  'sold-out',
  'sale-ended',
  'not-sellable',
  'purchase-limit-reached',
  'sale-not-started',
  'not-registered',
] as const;
export type Refusal = (typeof REFUSALS)[number];

export function refusalOf(error: unknown): Refusal | undefined {
  if (!(error instanceof ProblemError)) return undefined;
  const code = error.problem.type.split(/[:/]/).at(-1);
  return REFUSALS.find((refusal) => refusal === code);
}

/** The variant as it reads after the product's name: catalog variant names often repeat it ("Mi Power Bank 10000 Silver"). */
export function variantLabel(sale: Pick<FlashSale, 'product'>): string {
  const { name, variant } = sale.product;
  return variant.startsWith(`${name} `) ? variant.slice(name.length + 1) : variant;
}

/** "Mi Power Bank 10000 Silver": the product and variant in one line. */
export function saleTitle(sale: Pick<FlashSale, 'product'>): string {
  return `${sale.product.name} ${variantLabel(sale)}`;
}

const SECOND = 1000;

/**
 * How often the counts are asked for: every second while units are going (and in the last minute
 * before the start, so the page opens with the sale), less often otherwise; never once it has ended.
 */
export function pollInterval(counts: SaleCounts | undefined, startsAt: string, now: number): number | false {
  if (counts?.state === 'ended') return false;
  if (counts?.state === 'live') return SECOND;
  if (counts?.state === 'sold-out') return 5 * SECOND;
  return new Date(startsAt).getTime() - now < 60 * SECOND ? SECOND : 10 * SECOND;
}

const base = (id: string) => `/api/store/flash-sales/${seg(id)}`;

export const flashSaleQueries = {
  /** The market's sales that have not ended, by start: what the storefront announces. */
  current: (market: string) =>
    queryOptions({
      queryKey: ['store', 'markets', market, 'flash-sales'],
      queryFn: () => request<{ sales: FlashSale[] }>(`/api/store/markets/${seg(market)}/flash-sales`),
      staleTime: 30_000,
    }),
  sale: (id: string) =>
    queryOptions({
      queryKey: ['store', 'flash-sales', id],
      queryFn: () => requestById<FlashSale>(id, base(id)),
    }),
  remaining: (id: string) =>
    queryOptions({
      queryKey: ['store', 'flash-sales', id, 'remaining'],
      queryFn: () => requestById<SaleCounts>(id, `${base(id)}/remaining`),
    }),
};

export interface AdmissionCheckout {
  shippingAddress: ShippingAddress;
  shippingMethod: string;
}

export const flashSaleCommands = {
  register: (id: string, email: string) =>
    request<{ email: string; status: 'link sent' }>(`${base(id)}/registrations`, { method: 'POST', json: { email } }),
  verify: (id: string, token: string) =>
    request<{ email: string; verified: true }>(`${base(id)}/registrations/verify`, {
      method: 'POST',
      json: { token },
    }),
  purchase: (id: string, body: { email: string; registrationToken?: string }, key: string) =>
    request<Admission>(`${base(id)}/purchase`, { method: 'POST', json: body, headers: { 'idempotency-key': key } }),
  checkout: (id: string, admission: string, body: AdmissionCheckout, key: string) =>
    request<Order>(`${base(id)}/admissions/${seg(admission)}/checkout`, {
      method: 'POST',
      json: body,
      headers: { 'idempotency-key': key },
    }),
};
