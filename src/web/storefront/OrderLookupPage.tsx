import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isNotFound } from '../api';
import { Field } from '../components/Field';
import { ErrorPanel } from '../components/Status';
import { commerceCommands, commerceQueries } from './api';
import './commerce.css';

/** Finds an order by its number and the email it was placed with; either being wrong gets the same answer. */
export function OrderLookupPage() {
  const { market = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [number, setNumber] = useState('');
  const [email, setEmail] = useState('');
  const lookup = useMutation({
    mutationFn: () => commerceCommands.lookup(number.trim(), email.trim()),
    onSuccess: async (order) => {
      queryClient.setQueryData(commerceQueries.order(order.id).queryKey, order);
      await navigate(`/${order.market.toLowerCase()}/orders/${order.id}`);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    lookup.mutate();
  };
  return (
    <section className="lookup" aria-labelledby="lookup-heading">
      <title>Find your order — Mi Store</title>
      <h1 id="lookup-heading">Find your order</h1>
      <p className="lede">Enter the order number from your confirmation and the email you ordered with.</p>
      <form className="lookup__form summary" onSubmit={submit} aria-label="Find your order">
        {isNotFound(lookup.error) ? (
          <div className="status status--error" role="alert">
            <p className="status__title">No order found</p>
            <p>Check the order number and the email: both must be as they are on your confirmation.</p>
          </div>
        ) : lookup.isError ? (
          <ErrorPanel error={lookup.error} />
        ) : null}
        <Field label="Order number" hint={`Like ${market.toUpperCase()}-100001`}>
          {(control) => (
            <input
              {...control}
              required
              spellCheck={false}
              autoComplete="off"
              value={number}
              onChange={(event) => setNumber(event.target.value)}
            />
          )}
        </Field>
        <Field label="Email">
          {(control) => (
            <input
              {...control}
              type="email"
              required
              autoComplete="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary button--block" disabled={lookup.isPending}>
          {lookup.isPending ? 'Looking…' : 'Find order'}
        </button>
      </form>
    </section>
  );
}
