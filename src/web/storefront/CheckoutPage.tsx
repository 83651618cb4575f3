import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Market } from '../api';
import { Field, fieldIssues, messagesFor } from '../components/Field';
import { ErrorPanel, Loading } from '../components/Status';
import { useIdempotencyKey } from '../idempotency';
import { useMoney } from '../money';
import { type Cart, type CheckoutInput, commerceCommands, commerceQueries, type ShippingMethod } from './api';
import { CheckoutSummary, type QuoteState } from './CheckoutSummary';
import { cartQuery, useCartCache } from './cart';
import {
  type CheckoutDraft,
  type DraftField,
  destination,
  draftFieldOf,
  emptyDraft,
  forShoppers,
  REQUEST_FIELD,
  toCheckoutInput,
} from './checkoutDraft';
import { DeliverySections } from './DeliverySections';
import { ShopperProblem } from './ShopperProblem';
import { useDebounced } from './useDebounced';
import { useMarket } from './useMarket';
import './commerce.css';

export function CheckoutPage() {
  const { market = '' } = useParams();
  const cart = useQuery(cartQuery(market));
  const methods = useQuery(commerceQueries.shippingMethods(market));
  const info = useMarket(market);

  if (cart.isPending || methods.isPending || !info) return <Loading what="the checkout" />;
  if (cart.isError) return <ErrorPanel error={cart.error} />;
  if (methods.isError) return <ErrorPanel error={methods.error} />;
  if (!cart.data || cart.data.items.length === 0) {
    return (
      <section className="empty">
        <title>Checkout — Mi Store</title>
        <h1>Your cart is empty</h1>
        <p>There is nothing to check out yet.</p>
        <Link className="button" to={`/${market}`}>
          Continue shopping
        </Link>
      </section>
    );
  }
  if (cart.data.items.some((item) => item.problem !== null)) {
    return (
      <section className="empty">
        <title>Checkout — Mi Store</title>
        <h1>Some items cannot be bought now</h1>
        <p>Your cart says which, and why.</p>
        <Link className="button" to={`/${market}/cart`}>
          Back to the cart
        </Link>
      </section>
    );
  }
  return <CheckoutForm market={market} info={info} cart={cart.data} methods={methods.data.methods} />;
}

function CheckoutForm({
  market,
  info,
  cart,
  methods,
}: {
  market: string;
  info: Market;
  cart: Cart;
  methods: ShippingMethod[];
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const cartCache = useCartCache(market);
  const money = useMoney(market, cart.currency);
  const attempt = useIdempotencyKey();
  const [draft, setDraft] = useState<CheckoutDraft>(() => emptyDraft(info.countries, methods[0]?.code ?? ''));
  // Fields changed since the last refusal (its messages no longer apply) and fields the shopper has left.
  const [edited, setEdited] = useState<ReadonlySet<DraftField>>(new Set());
  const [touched, setTouched] = useState<ReadonlySet<DraftField>>(new Set());

  const place = useMutation({
    mutationFn: (input: CheckoutInput) => commerceCommands.checkout(cart.id, input, attempt.keyFor(input)),
    onSettled: (_order, error) => attempt.settled(error),
    onSuccess: async (order) => {
      queryClient.setQueryData(commerceQueries.order(order.id).queryKey, order);
      await navigate(`/${market}/orders/${order.id}/pay`);
      cartCache.checkedOut(cart.id);
    },
  });

  // The draft as it was when the shopper paused typing (the same object until it changes, so nothing loops).
  const where = destination(useDebounced(draft, 400));
  const lines = cart.items.map((item) => ({ sku: item.sku, quantity: item.quantity }));
  const quote = useQuery({
    ...commerceQueries.quote(market, {
      lines,
      shippingAddress: where ?? { name: '', line1: '', city: '', country: '' },
      shippingMethod: draft.shippingMethod,
    }),
    enabled: where !== undefined && draft.shippingMethod !== '',
    placeholderData: keepPreviousData,
  });
  const quoteState: QuoteState =
    where === undefined
      ? { state: 'incomplete' }
      : quote.isFetching
        ? { state: 'pending', previous: quote.data }
        : quote.isSuccess
          ? { state: 'quoted', quote: quote.data }
          : quote.isError
            ? { state: 'refused' }
            : { state: 'pending', previous: undefined };

  const submitted = forShoppers(fieldIssues(place.error));
  const quoted = forShoppers(fieldIssues(quote.isFetching ? null : quote.error));
  const errorsOf = (field: DraftField): string[] => {
    const name = REQUEST_FIELD[field];
    const fromSubmit = edited.has(field) ? [] : messagesFor(submitted, name);
    const fromQuote = touched.has(field) ? messagesFor(quoted, name) : [];
    return [...new Set([...fromSubmit, ...fromQuote])];
  };
  // Once every field the server named has been changed, its refusal no longer describes the form.
  const stillRefused =
    place.isError &&
    (submitted.length === 0 ||
      submitted.some((issue) => {
        const field = draftFieldOf(issue.field);
        return field === undefined || !edited.has(field);
      }));
  const set = (field: DraftField, value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setEdited((current) => new Set(current).add(field));
  };
  const touch = (field: DraftField) => setTouched((current) => new Set(current).add(field));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setEdited(new Set());
    place.mutate(toCheckoutInput(draft));
  };

  return (
    <section className="commerce" aria-labelledby="checkout-heading">
      <title>{`Checkout — Mi Store ${info.name}`}</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/${market}/cart`}>Cart</Link>
        <span aria-hidden="true"> / </span>
        <span>Checkout</span>
      </nav>
      <h1 id="checkout-heading">Checkout</h1>
      <div className="commerce__layout">
        <form className="checkout" onSubmit={submit} noValidate aria-label="Checkout">
          {stillRefused ? <ShopperProblem error={place.error} title="We could not place your order" /> : null}
          <fieldset className="checkout__section" disabled={place.isPending}>
            <legend className="checkout__legend">Contact</legend>
            <Field
              label="Email"
              errors={errorsOf('email')}
              hint="For the order confirmation, and to look the order up."
            >
              {(control) => (
                <input
                  {...control}
                  type="email"
                  autoComplete="email"
                  spellCheck={false}
                  value={draft.email}
                  onChange={(event) => set('email', event.target.value)}
                  onBlur={() => touch('email')}
                />
              )}
            </Field>
          </fieldset>
          <DeliverySections
            draft={draft}
            countries={info.countries}
            methods={methods}
            subtotal={cart.totals.subtotal}
            placing={place.isPending}
            set={set}
            errorsOf={errorsOf}
            touch={touch}
          />
          <p className="checkout__fineprint muted">
            Your items are held for you while you pay. Prices, stock and tax are checked again when the order is placed.
          </p>
        </form>
        <CheckoutSummary cart={cart} quote={quoteState} money={money} />
      </div>
    </section>
  );
}
