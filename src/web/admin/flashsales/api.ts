import { queryOptions } from '@tanstack/react-query';
import { request, seg } from '../../api';
import type { FlashSale, SaleCounts } from '../../storefront/flashsale/api';

// Flash sales as staff run them (src/modules/flashsale/routes.ts is the source): create, change,
// list, and each sale's dashboard. Prices are minor units of the market's currency.

export { type FlashSale, type SaleState, STATE_TEXT, saleTitle } from '../../storefront/flashsale/api';

export interface SaleInput {
  market: string;
  sku: string;
  location?: string;
  price: number;
  quantity: number;
  registrationOpensAt?: string;
  startsAt: string;
  endsAt: string;
  perCustomerLimit: number;
  registrationRequired: boolean;
  paymentWindowSeconds: number;
}

export type SalePatch = Partial<Omit<SaleInput, 'market' | 'sku' | 'location' | 'registrationOpensAt'>> & {
  registrationOpensAt?: string | null;
};

export interface SaleStats extends SaleCounts {
  /** Holds that ran out unpaid; their units went back to the sale. */
  expired: number;
  /** Seconds with at least one admission, over the last 10 minutes, oldest first. */
  admissionsPerSecond: { at: string; admissions: number }[];
}

const BASE = '/api/admin/flash-sales';

export const flashSaleAdminQueries = {
  all: () => ['admin', 'flash-sales'] as const,
  list: () =>
    queryOptions({
      queryKey: ['admin', 'flash-sales', 'list'],
      queryFn: () => request<{ sales: FlashSale[] }>(BASE),
    }),
  stats: (id: string) =>
    queryOptions({
      queryKey: ['admin', 'flash-sales', 'stats', id],
      queryFn: () => request<SaleStats>(`${BASE}/${seg(id)}/stats`),
    }),
};

export const flashSaleAdminCommands = {
  create: (input: SaleInput) => request<FlashSale>(BASE, { method: 'POST', json: input }),
  update: (id: string, patch: SalePatch) => request<FlashSale>(`${BASE}/${seg(id)}`, { method: 'PATCH', json: patch }),
};
