import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import { plural } from '../format';
import { cartQuery, itemCount } from './cart';
import './commerce.css';

/** The header's way to the cart, with how many items are in it. */
export function CartLink({ market }: { market: string }) {
  const cart = useQuery(cartQuery(market));
  const count = itemCount(cart.data);
  return (
    <NavLink className="cart-link" to={`/${market}/cart`} aria-label={`Cart, ${plural(count, 'item')}`}>
      <svg className="cart-link__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M3 4h2l2.4 10.2a1 1 0 0 0 1 .8h8.9a1 1 0 0 0 1-.8L20 7H6.2" />
        <circle cx="9" cy="19" r="1.5" />
        <circle cx="17" cy="19" r="1.5" />
      </svg>
      <span className="cart-link__label">Cart</span>
      {count > 0 ? (
        <span className="cart-link__count" aria-hidden="true">
          {count}
        </span>
      ) : null}
    </NavLink>
  );
}
