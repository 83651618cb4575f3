import { useQuery } from '@tanstack/react-query';
import { type Market, storeQueries } from '../api';

/** The market of the address ("us"), once the markets have loaded; undefined for one we do not sell in. */
export function useMarket(code: string): Market | undefined {
  const markets = useQuery(storeQueries.markets());
  return markets.data?.markets.find((m) => m.code.toLowerCase() === code.toLowerCase());
}
