import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { CONSENT_TEXT } from '../../modules/notify/consent';
import { hasStatus, storeQueries } from '../api';
import { Field, fieldIssues, messagesFor } from '../components/Field';
import { ErrorPanel } from '../components/Status';
import { commerceCommands } from './api';
import './commerce.css';

/** On a product not sold in this market: leave an email to hear, once, when it is. */
export function NotifyMe({ market, slug, marketName }: { market: string; slug: string; marketName: string }) {
  const queryClient = useQueryClient();
  const consentId = useId();
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const notify = useMutation({
    mutationFn: () => commerceCommands.notifyMe(market, slug, email.trim()),
    onError: async (error) => {
      // It became sellable while the page was open: show the page as it is now.
      if (hasStatus(error, 409)) await queryClient.invalidateQueries(storeQueries.product(market, slug));
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    notify.mutate();
  };

  if (notify.isSuccess) {
    return (
      <div className="notify notify--done" role="status">
        <p className="notify__title">We'll let you know</p>
        <p>
          We'll email {email.trim()} once, when it can be bought in {marketName}. Every email has a link to unsubscribe.
        </p>
      </div>
    );
  }
  const emailErrors = messagesFor(fieldIssues(notify.error), 'email');
  return (
    <form className="notify" onSubmit={submit} aria-label="Notify me">
      <p className="notify__title">Email me when it's available in {marketName}</p>
      {notify.isError && emailErrors.length === 0 ? <ErrorPanel error={notify.error} /> : null}
      <Field label="Email" errors={emailErrors}>
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
      <div className="notify__consent">
        <input
          id={consentId}
          type="checkbox"
          required
          checked={consent}
          onChange={(event) => setConsent(event.target.checked)}
        />
        <label htmlFor={consentId}>{CONSENT_TEXT}</label>
      </div>
      <button type="submit" className="button button--primary" disabled={notify.isPending}>
        {notify.isPending ? 'Saving…' : 'Notify me'}
      </button>
    </form>
  );
}
