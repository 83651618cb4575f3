import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { request, seg } from '../../api';
import type { Order, OrderStatus } from '../../storefront/api';

// Orders as staff see them (src/modules/orders/routes.ts and src/modules/outbox/routes.ts are the
// source): the shopper's order with its history and payments. Amounts are minor units.

export { ORDER_STATUSES, type Order, type OrderStatus } from '../../storefront/api';

export interface OrderEvent {
  at: string;
  /** place, pay, fulfil, deliver, cancel, refund. */
  action: string;
  from: OrderStatus | null;
  to: OrderStatus;
  /** "customer", a staff member's email or token name, "system: …", "provider: …". */
  actor: string;
  details: { amount?: number; payment?: PaymentRecord; [key: string]: unknown };
}

export interface PaymentRecord {
  id: string;
  provider: string;
  amount: number;
  currency: string;
  status: string;
  card: { brand: string; last4: string } | null;
  declineCode: string | null;
  message: string | null;
  refunded: number;
  createdAt: string;
}

export interface OrderRecord extends Order {
  events: OrderEvent[];
  payments: PaymentRecord[];
}

export interface OutboxMessage {
  id: number;
  kind: string;
  to: string;
  subject: string;
  text: string;
  about: Record<string, string>;
  createdAt: string;
  sentAt: string | null;
}

export interface OrderFilter {
  market: string;
  status: OrderStatus | '';
  email: string;
}

export const STAFF_ACTIONS = ['fulfil', 'deliver', 'cancel'] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

const PAGE = 25;
const BASE = '/api/admin/orders';

export const orderQueries = {
  all: () => ['admin', 'orders'] as const,
  list: (filter: OrderFilter) =>
    infiniteQueryOptions({
      queryKey: ['admin', 'orders', 'list', filter],
      queryFn: ({ pageParam }) => {
        const query = new URLSearchParams({ limit: String(PAGE) });
        if (filter.market) query.set('market', filter.market);
        if (filter.status) query.set('status', filter.status);
        if (filter.email) query.set('email', filter.email);
        if (pageParam) query.set('before', pageParam);
        return request<{ orders: Order[] }>(`${BASE}?${query}`);
      },
      initialPageParam: '',
      // Newest first; the next, older page starts before the last order of this one.
      getNextPageParam: (page) => (page.orders.length === PAGE ? page.orders.at(-1)?.createdAt : undefined),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: ['admin', 'orders', 'detail', id],
      queryFn: () => request<OrderRecord>(`${BASE}/${seg(id)}`),
    }),
  // The outbox has no filter by order: its newest messages, searched in the browser.
  outbox: () =>
    queryOptions({
      queryKey: ['admin', 'outbox'],
      queryFn: () => request<{ messages: OutboxMessage[] }>('/api/admin/outbox?limit=200'),
    }),
};

export const orderCommands = {
  act: (id: string, action: StaffAction) => request<Order>(`${BASE}/${seg(id)}/${action}`, { method: 'POST' }),
  refund: (id: string, amount: number, key: string) =>
    request<Order>(`${BASE}/${seg(id)}/refunds`, {
      method: 'POST',
      json: { amount },
      headers: { 'idempotency-key': key },
    }),
};
