import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { isNotFound, problemText } from '../api';
import type { Cart, CartLine } from './api';
import { commerceCommands } from './api';
import { cartQuery, useCartCache } from './cart';

/** One line of the cart: what, how many (changed at once), what it costs, or why it cannot be bought. */
export function CartLineItem({
  market,
  cart,
  line,
  money,
}: {
  market: string;
  cart: Cart;
  line: CartLine;
  money: (amount: number) => string;
}) {
  const queryClient = useQueryClient();
  const cache = useCartCache(market);
  // Set in the click handler itself, so the number changes at once; the server's answer replaces it.
  const [requested, setRequested] = useState<number>();
  const change = useMutation({
    mutationFn: (quantity: number) =>
      quantity === 0
        ? commerceCommands.removeItem(cart.id, line.sku)
        : commerceCommands.setQuantity(cart.id, line.sku, quantity),
    onSuccess: (next) => cache.set(next),
    onError: async (error) => {
      // The cart is gone (or became an order elsewhere): read it again, which forgets it.
      if (isNotFound(error)) await queryClient.invalidateQueries({ queryKey: cartQuery(market).queryKey });
    },
    onSettled: () => setRequested(undefined),
  });
  const quantity = requested ?? line.quantity;
  const set = (next: number) => {
    setRequested(next);
    change.mutate(next);
  };
  const name = `${line.product.name}${line.variant.name ? `, ${line.variant.name}` : ''}`;

  return (
    <li className={`cart-line${line.problem ? ' cart-line--problem' : ''}${change.isPending ? ' is-pending' : ''}`}>
      <div className="cart-line__what">
        {line.product.slug ? (
          <Link className="cart-line__name" to={`/${market}/products/${line.product.slug}`}>
            {line.product.name}
          </Link>
        ) : (
          <span className="cart-line__name">{line.product.name}</span>
        )}
        {line.variant.name ? <span className="cart-line__variant muted">{line.variant.name}</span> : null}
        {line.unitPrice !== null ? <span className="cart-line__unit muted">{money(line.unitPrice)} each</span> : null}
        {line.problem ? (
          <p className="cart-line__problem" role="note">
            {line.problem}
          </p>
        ) : null}
      </div>
      <div className="cart-line__quantity">
        <fieldset className="stepper" disabled={change.isPending}>
          <legend className="visually-hidden">Quantity of {name}</legend>
          <button
            type="button"
            className="stepper__button"
            aria-label={`One fewer ${name}`}
            disabled={quantity <= 1}
            onClick={() => set(quantity - 1)}
          >
            −
          </button>
          <output className="stepper__value" aria-live="polite" aria-label={`Quantity of ${name}`}>
            {quantity}
          </output>
          <button
            type="button"
            className="stepper__button"
            aria-label={`One more ${name}`}
            disabled={quantity >= 99 || line.problem !== null}
            onClick={() => set(quantity + 1)}
          >
            +
          </button>
        </fieldset>
        <button
          type="button"
          className="link-button"
          disabled={change.isPending}
          onClick={() => set(0)}
          aria-label={`Remove ${name}`}
        >
          Remove
        </button>
      </div>
      <span className="cart-line__amount">{line.amount !== null ? money(line.amount) : '—'}</span>
      {change.isError ? (
        <p className="cart-line__error text-error" role="alert">
          {problemText(change.error)}
        </p>
      ) : null}
    </li>
  );
}
