import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ErrorPanel, Loading } from '../components/Status';
import { plural } from '../format';
import { useMoney } from '../money';
import { CartLineItem } from './CartLineItem';
import { cartQuery, itemCount } from './cart';
import { cartRows, Totals } from './Totals';
import { useMarket } from './useMarket';
import './commerce.css';

export function CartPage() {
  const { market = '' } = useParams();
  const cart = useQuery(cartQuery(market));
  const info = useMarket(market);
  const money = useMoney(market, cart.data?.currency ?? info?.currency ?? 'USD');
  const title = `Your cart — Mi Store${info ? ` ${info.name}` : ''}`;

  if (cart.isPending) return <Loading what="your cart" />;
  if (cart.isError) return <ErrorPanel error={cart.error} />;
  if (!cart.data || cart.data.items.length === 0) {
    return (
      <section className="empty">
        <title>{title}</title>
        <h1>Your cart is empty</h1>
        <p>Add something from the store and it will wait for you here.</p>
        <Link className="button" to={`/${market}`}>
          Continue shopping
        </Link>
      </section>
    );
  }

  const { items, totals } = cart.data;
  const problems = items.filter((item) => item.problem !== null).length;
  return (
    <section className="commerce" aria-labelledby="cart-heading">
      <title>{title}</title>
      <h1 id="cart-heading">Your cart</h1>
      <p className="muted">{plural(itemCount(cart.data), 'item')}</p>
      <div className="commerce__layout">
        <ul className="cart-lines" aria-label="Items in your cart">
          {items.map((line) => (
            <CartLineItem key={line.sku} market={market} cart={cart.data!} line={line} money={money} />
          ))}
        </ul>
        <aside className="summary" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Summary</h2>
          <Totals rows={cartRows(totals, money)} />
          {problems > 0 ? (
            <>
              <p id="checkout-blocked" className="summary__note text-error">
                {problems === 1
                  ? 'One item cannot be bought now: remove it to check out.'
                  : `${problems} items cannot be bought now: remove them to check out.`}
              </p>
              <button
                type="button"
                className="button button--primary button--block"
                disabled
                aria-describedby="checkout-blocked"
              >
                Checkout
              </button>
            </>
          ) : (
            <Link className="button button--primary button--block" to={`/${market}/checkout`}>
              Checkout
            </Link>
          )}
          <p className="summary__note muted">
            <Link to={`/${market}`}>Continue shopping</Link>
          </p>
        </aside>
      </div>
    </section>
  );
}
