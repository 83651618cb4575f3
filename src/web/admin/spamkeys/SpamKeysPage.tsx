import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { problemText } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Field, FormProblem, fieldIssues, messagesFor } from '../../components/Field';
import { OneTimeSecret } from '../../components/OneTimeSecret';
import { ErrorPanel, Loading } from '../../components/Status';
import { formatDateTime } from '../../format';
import { type SpamKey, spamKeyCommands, spamKeyQueries } from './api';
import '../comments/comments.css';

/** Keys for other sites to use our spam filter through the Akismet protocol, one per site, with their usage. */
export function SpamKeysPage() {
  const keys = useQuery(spamKeyQueries.list());
  const month = keys.data?.keys[0]?.month.month;
  return (
    <>
      <title>Spam API keys — marketgate admin</title>
      <header className="page-header">
        <h1>Spam API keys</h1>
        <p className="muted">
          Other sites can check their comments with this shop's spam filter: their Akismet plugin or library sends
          comments to <code>{window.location.origin}/1.1/comment-check</code> with a key issued here. One key per site;
          revoke it and the API answers <code>invalid</code> from then on.
        </p>
      </header>
      <section className="panel" aria-labelledby="new-key-heading">
        <h2 id="new-key-heading">New key</h2>
        <CreateKeyForm />
      </section>
      <section className="panel" aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keys and their use</h2>
        {keys.isPending ? <Loading what="keys" /> : null}
        {keys.isError ? <ErrorPanel error={keys.error} /> : null}
        {keys.data?.keys.length === 0 ? <p className="muted">No keys yet.</p> : null}
        {keys.data?.keys.length ? (
          <div className="table-wrap">
            <table className="table table--usage" aria-labelledby="keys-heading">
              <thead>
                <tr>
                  <th scope="col">Site</th>
                  <th scope="col" className="num">
                    Calls{month ? ` (${month})` : ''}
                  </th>
                  <th scope="col" className="num">
                    Spam
                  </th>
                  <th scope="col" className="num">
                    Ham
                  </th>
                  <th scope="col" className="num" title="submit-spam: spam the check let through">
                    Missed spam
                  </th>
                  <th scope="col" className="num" title="submit-ham: ham the check called spam">
                    False positives
                  </th>
                  <th scope="col" className="num">
                    Calls (all time)
                  </th>
                  <th scope="col" className="actions">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.keys.map((key) => (
                  <KeyRow key={key.id} spamKey={key} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}

function CreateKeyForm() {
  const queryClient = useQueryClient();
  const [site, setSite] = useState('');
  const [created, setCreated] = useState<SpamKey | null>(null);
  const create = useMutation({
    mutationFn: () => spamKeyCommands.create(site.trim()),
    onSuccess: async (key) => {
      setCreated(key);
      setSite('');
      await queryClient.invalidateQueries({ queryKey: spamKeyQueries.list().queryKey });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    create.mutate();
  };
  return (
    <>
      {create.isError ? <FormProblem error={create.error} fields={['site']} /> : null}
      <form className="form form--inline" onSubmit={submit} aria-label="Create a spam API key">
        <Field label="Site address" errors={messagesFor(fieldIssues(create.error), 'site')}>
          {(control) => (
            <input
              {...control}
              inputMode="url"
              required
              placeholder="https://blog.example.com"
              autoComplete="off"
              value={site}
              onChange={(event) => setSite(event.target.value)}
            />
          )}
        </Field>
        <button className="button button--primary" type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
      </form>
      {created ? (
        <OneTimeSecret
          title={`Key for ${created.site}`}
          label={`Key for ${created.site}`}
          secret={created.key}
          onDone={() => setCreated(null)}
        />
      ) : null}
    </>
  );
}

function KeyRow({ spamKey: key }: { spamKey: SpamKey }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => spamKeyCommands.revoke(key.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: spamKeyQueries.list().queryKey }),
  });
  return (
    <tr className={key.revokedAt ? 'is-revoked' : undefined}>
      <th scope="row" className="spam-key__site">
        {key.site}
        <span className="cell__sub muted">
          {/* The whole key is shown once, when it is created; here just enough to tell keys apart. */}
          Key <code>{key.key.slice(0, 4)}…</code> · created{' '}
          <time dateTime={key.createdAt}>{formatDateTime(key.createdAt)}</time>
        </span>
      </th>
      <td className="num">{key.month.calls}</td>
      <td className="num">{key.month.spam}</td>
      <td className="num">{key.month.ham}</td>
      <td className="num">{key.month.missedSpam}</td>
      <td className="num">{key.month.falsePositives}</td>
      <td className="num">{key.total.calls}</td>
      <td className="actions">
        {key.revokedAt ? (
          <span className="badge badge--off" title={formatDateTime(key.revokedAt)}>
            Revoked
          </span>
        ) : (
          <span className="actions__group">
            <span className="badge badge--on">Active</span>
            <ConfirmButton
              question={`Revoke the key of ${key.site}?`}
              confirmLabel="Revoke"
              disabled={revoke.isPending}
              onConfirm={() => revoke.mutate()}
            >
              Revoke
            </ConfirmButton>
          </span>
        )}
        {revoke.isError ? (
          <p className="text-error" role="alert">
            {problemText(revoke.error)}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
