import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, fieldIssues, messagesFor } from '../../components/Field';
import { formatDateTime } from '../../format';
import { ShopperProblem } from '../ShopperProblem';
import { type FlashSale, flashSaleCommands, type SaleState } from './api';
import type { SaleMemory } from './memory';

/**
 * Registration for a sale open only to registered buyers: an email, a link sent to it, and the
 * link opened. Shown until the start.
 */
export function RegisterPanel({
  sale,
  state,
  registration,
}: {
  sale: FlashSale;
  state: SaleState;
  registration: SaleMemory['registration'];
}) {
  const [email, setEmail] = useState('');
  const register = useMutation({ mutationFn: () => flashSaleCommands.register(sale.id, email.trim()) });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    register.mutate();
  };

  if (registration) {
    return (
      <div className="sale-panel sale-panel--done" role="status">
        <p className="sale-panel__title">You're registered as {registration.email}</p>
        <p>Come back to this page at the start: the button to buy opens then.</p>
      </div>
    );
  }
  if (state === 'scheduled') {
    return (
      <div className="sale-panel">
        <p className="sale-panel__title">Registration is required</p>
        <p>
          Registration opens {sale.registrationOpensAt ? formatDateTime(sale.registrationOpensAt) : 'soon'}. Only
          registered buyers may buy in this sale.
        </p>
      </div>
    );
  }
  if (register.isSuccess) {
    return (
      <div className="sale-panel sale-panel--done" role="status">
        <p className="sale-panel__title">We emailed you a link</p>
        <p>
          Open the link we sent to {register.data.email} to confirm it is you. You are registered once you have opened
          it; it leads back to this page.
        </p>
      </div>
    );
  }
  const emailErrors = messagesFor(fieldIssues(register.error), 'email');
  return (
    <form className="sale-panel" onSubmit={submit} aria-label="Register for the sale">
      <p className="sale-panel__title">Register to buy</p>
      <p className="muted">
        This sale is for registered buyers. Leave your email before the start; we send you a link to confirm it.
      </p>
      {register.isError ? <ShopperProblem error={register.error} title="We could not register you" /> : null}
      <Field label="Email" errors={emailErrors.length > 0 ? ['Enter your email address, like name@example.com.'] : []}>
        {(control) => (
          <input
            {...control}
            type="email"
            required
            autoComplete="email"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button button--primary" disabled={register.isPending}>
        {register.isPending ? 'Registering…' : 'Register'}
      </button>
    </form>
  );
}
