import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { problemText } from '../api';
import { addToCart, useCartCache } from './cart';
import './commerce.css';

/**
 * "Add to cart" for one variant, with a quantity up to what is in stock. When the variant cannot be
 * bought the button is disabled and says why: in its own words, or by pointing at the note on the
 * page that already says it (`reasonId`). A refusal by the server (sold out meanwhile, no longer
 * sold here) is shown in the server's words.
 */
export function AddToCart({
  market,
  sku,
  name,
  available,
  reason,
  reasonId,
}: {
  market: string;
  sku: string;
  /** The variant's name, for the form's accessible name. */
  name: string;
  /** How many can be bought now (the store caps it at 10: "10 or more"). */
  available: number;
  /** Why it cannot be bought; null when it can. */
  reason: string | null;
  /** The element on the page that already gives the reason, instead of repeating it here. */
  reasonId?: string;
}) {
  const ownReasonId = useId();
  const [quantity, setQuantity] = useState(1);
  const cart = useCartCache(market);
  const add = useMutation({
    mutationFn: (count: number) => addToCart(market, sku, count),
    onSuccess: (next) => cart.set(next),
  });
  const blocked = reason !== null;
  const most = Math.max(1, Math.min(available, 10));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!blocked) add.mutate(quantity);
  };

  return (
    <form className="add-to-cart" onSubmit={submit} aria-label={`Buy ${name}`}>
      <label className="add-to-cart__quantity">
        <span className="visually-hidden">Quantity of {name}</span>
        <select
          value={quantity}
          disabled={blocked || add.isPending}
          onChange={(event) => {
            setQuantity(Number(event.target.value));
            add.reset();
          }}
        >
          {Array.from({ length: most }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        className="button button--primary"
        disabled={blocked || add.isPending}
        aria-describedby={blocked ? (reasonId ?? ownReasonId) : undefined}
      >
        {add.isPending ? 'Adding…' : 'Add to cart'}
      </button>
      {blocked && !reasonId ? (
        <span id={ownReasonId} className="add-to-cart__reason">
          {reason}
        </span>
      ) : null}
      {add.isError ? (
        <p className="add-to-cart__message text-error" role="alert">
          {problemText(add.error)}
        </p>
      ) : null}
      {add.isSuccess ? (
        <p className="add-to-cart__message add-to-cart__message--ok" role="status">
          Added to your cart. <Link to={`/${market}/cart`}>View cart</Link>
        </p>
      ) : null}
    </form>
  );
}
