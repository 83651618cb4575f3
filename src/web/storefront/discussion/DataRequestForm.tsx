import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, fieldIssues, messagesFor } from '../../components/Field';
import { ShopperProblem } from '../ShopperProblem';
import { type DataAction, discussionCommands } from './api';

/** Asks for the emailed one-time link that exports or erases the comments written with an address. */
export function DataRequestForm() {
  const [email, setEmail] = useState('');
  const ask = useMutation({
    mutationFn: (action: DataAction) => discussionCommands.requestData(email.trim(), action),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    ask.mutate(submitter?.getAttribute('value') === 'erase' ? 'erase' : 'export');
  };

  return (
    <form className="data-request" onSubmit={submit} aria-label="Export or erase your comments">
      {ask.isSuccess ? (
        <p className="status status--ok" role="status">
          {ask.data.message}
        </p>
      ) : null}
      {ask.isError ? <ShopperProblem error={ask.error} title="We could not send the link" /> : null}
      <Field label="Email address you commented with" errors={messagesFor(fieldIssues(ask.error), 'email')}>
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
      <div className="data-request__actions">
        <button type="submit" name="action" value="export" className="button button--primary" disabled={ask.isPending}>
          Email me a link to export
        </button>
        <button
          type="submit"
          name="action"
          value="erase"
          className="button button--ghost-dark"
          disabled={ask.isPending}
        >
          Email me a link to erase
        </button>
      </div>
    </form>
  );
}
