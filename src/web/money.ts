import { useQuery } from '@tanstack/react-query';
import { formatMoney } from '../modules/pricing/money';
import { storeQueries } from './api';

// Money in the web app is what it is on the server: integer minor units and a currency, formatted
// by the one pure money module (src/modules/pricing/money.ts), so a cart in the browser reads like
// the confirmation email. No float ever holds an amount; Intl formats the exact decimal text.

export { formatMoney, parseAmount, toDecimal } from '../modules/pricing/money';

/** Minor units to text in a market's locale; a placeholder locale until the markets have loaded. */
export function useMoney(market: string, currency: string): (amount: number) => string {
  const markets = useQuery(storeQueries.markets());
  const locale = markets.data?.markets.find((m) => m.code.toLowerCase() === market.toLowerCase())?.locale ?? 'en';
  return (amount) => formatMoney(amount, currency, locale);
}
