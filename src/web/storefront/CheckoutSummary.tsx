import type { Cart, Quote } from './api';
import { cartRows, quoteRows, Totals } from './Totals';

/** The live answer for the address so far: none yet, on its way, a quote, or why there is none. */
export type QuoteState =
  | { state: 'incomplete' }
  | { state: 'pending'; previous: Quote | undefined }
  | { state: 'quoted'; quote: Quote }
  | { state: 'refused' };

/** What the order will cost: the cart's lines, with shipping and tax once the address says where. */
export function CheckoutSummary({
  cart,
  quote,
  money,
}: {
  cart: Cart;
  quote: QuoteState;
  money: (amount: number) => string;
}) {
  const shown = quote.state === 'quoted' ? quote.quote : quote.state === 'pending' ? quote.previous : undefined;
  return (
    <aside className="summary" aria-labelledby="summary-heading" aria-busy={quote.state === 'pending'}>
      <h2 id="summary-heading">Your order</h2>
      <ul className="summary__lines" aria-label="Items">
        {cart.items.map((line) => (
          <li key={line.sku} className="summary__line">
            <span>
              {line.product.name}
              {line.variant.name ? <span className="summary__variant muted">{line.variant.name}</span> : null}
            </span>
            <span className="summary__quantity muted">× {line.quantity}</span>
            <span className="summary__amount">{line.amount === null ? '—' : money(line.amount)}</span>
          </li>
        ))}
      </ul>
      {shown ? <Totals rows={quoteRows(shown)} /> : <Totals rows={cartRows(cart.totals, money, '—')} />}
      <p className="summary__note muted" role="status">
        {quote.state === 'pending'
          ? 'Working out shipping and tax…'
          : quote.state === 'refused'
            ? 'Shipping and tax appear once the address is complete.'
            : quote.state === 'incomplete'
              ? 'Enter the address to see shipping and tax.'
              : null}
      </p>
    </aside>
  );
}
