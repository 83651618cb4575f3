import { useQuery } from '@tanstack/react-query';
import { adminQueries } from '../../api';
import { formatMoney } from '../../money';

/** Formats an order's amounts the way its market's shoppers read them (the console shows many markets). */
export function useOrderMoney(): (amount: number, order: { market: string; currency: string }) => string {
  const markets = useQuery(adminQueries.markets());
  return (amount, order) => {
    const locale = markets.data?.markets.find((m) => m.code === order.market)?.locale ?? 'en';
    return formatMoney(amount, order.currency, locale);
  };
}
