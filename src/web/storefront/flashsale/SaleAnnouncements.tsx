import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime } from '../../format';
import { type FlashSale, flashSaleQueries, STATE_TEXT, saleTitle } from './api';
import './flashsale.css';

/**
 * The market's launch sales that have not ended, where shoppers look: on the market page all of
 * them, on a product page those of its variants. Nothing at all when there are none.
 */
export function SaleAnnouncements({ market, product }: { market: string; product?: string }) {
  const current = useQuery(flashSaleQueries.current(market));
  const sales = (current.data?.sales ?? []).filter((s) => !product || s.product.slug === product);
  if (sales.length === 0) return null;
  return (
    <section className="sale-announcements" aria-label="Launch sales">
      <ul>
        {sales.map((sale) => (
          <li key={sale.id}>
            <Link className="sale-announcement" to={`/${market}/flash-sales/${sale.id}`}>
              <span className="sale-announcement__state">{STATE_TEXT[sale.state]}</span>
              <span className="sale-announcement__title">
                Launch sale: {saleTitle(sale)} at {sale.price.formatted}
              </span>
              <span className="sale-announcement__when">{when(sale)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function when(sale: FlashSale): string {
  if (sale.state === 'live' || sale.state === 'sold-out') return `until ${formatDateTime(sale.endsAt)}`;
  const register = sale.registrationRequired ? ' · register before the start' : '';
  return `starts ${formatDateTime(sale.startsAt)}${register}`;
}
