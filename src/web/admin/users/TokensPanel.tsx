import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { problemText } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Field, FormProblem, fieldIssues, messagesFor } from '../../components/Field';
import { OneTimeSecret } from '../../components/OneTimeSecret';
import { ErrorPanel, Loading } from '../../components/Status';
import { formatDateTime, humanize } from '../../format';
import type { Role } from '../auth/session';
import { type ApiToken, accountCommands, accountQueries } from './api';
import { RoleSelect } from './RoleSelect';

/** API tokens: how other systems (an ERP, a CI job) call the admin API, each with a role like a person. */
export function TokensPanel() {
  const tokens = useQuery(accountQueries.tokens());
  return (
    <section className="panel" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="muted">
        For other systems calling the admin API: they send the secret as <code>Authorization: Bearer mg_…</code> and act
        with the token's role until it is revoked.
      </p>
      <CreateTokenForm />
      {tokens.isPending ? <Loading what="tokens" /> : null}
      {tokens.isError ? <ErrorPanel error={tokens.error} /> : null}
      {tokens.data?.tokens.length === 0 ? <p className="muted">No tokens yet.</p> : null}
      {tokens.data?.tokens.length ? (
        <div className="table-wrap">
          <table className="table" aria-labelledby="tokens-heading">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Prefix</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col" className="actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.tokens.map((token) => (
                <TokenRow key={token.id} token={token} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function CreateTokenForm() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('support');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  const create = useMutation({
    mutationFn: accountCommands.createToken,
    onSuccess: async (answer) => {
      setCreated({ name: answer.token.name, secret: answer.secret });
      setName('');
      await queryClient.invalidateQueries({ queryKey: accountQueries.tokens().queryKey });
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    create.mutate({ name: name.trim(), role });
  };

  return (
    <>
      {create.isError ? <FormProblem error={create.error} fields={['name', 'role']} /> : null}
      <form className="form form--inline" onSubmit={submit} aria-label="Create an API token">
        <Field label="Token name" errors={messagesFor(fieldIssues(create.error), 'name')}>
          {(control) => (
            <input
              {...control}
              required
              autoComplete="off"
              placeholder="erp-sync"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field label="Token role" errors={messagesFor(fieldIssues(create.error), 'role')}>
          {(control) => <RoleSelect id={control.id} value={role} onChange={setRole} />}
        </Field>
        <button className="button button--primary" type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </form>
      {created ? (
        <OneTimeSecret
          title={`Secret of the token ${created.name}`}
          label={`Secret of ${created.name}`}
          secret={created.secret}
          onDone={() => setCreated(null)}
        />
      ) : null}
    </>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const queryClient = useQueryClient();
  // createdBy is a user id; the users table on this page already knows who that is.
  const users = useQuery(accountQueries.users());
  const creator = token.createdBy ? users.data?.users.find((user) => user.id === token.createdBy) : undefined;
  const revoke = useMutation({
    mutationFn: () => accountCommands.revokeToken(token.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountQueries.tokens().queryKey }),
  });
  return (
    <tr className={token.revokedAt ? 'is-revoked' : undefined}>
      <th scope="row" className="nowrap">
        {token.name}
      </th>
      <td>{humanize(token.role)}</td>
      <td>
        <code>{token.prefix}…</code>
      </td>
      <td>
        <time dateTime={token.createdAt}>{formatDateTime(token.createdAt)}</time>
        {creator ? <span className="cell__sub muted">by {creator.email}</span> : null}
      </td>
      <td>
        {token.lastUsedAt ? (
          <time dateTime={token.lastUsedAt}>{formatDateTime(token.lastUsedAt)}</time>
        ) : (
          <span className="muted">Never</span>
        )}
      </td>
      <td>
        {token.revokedAt ? (
          <span className="badge badge--off" title={formatDateTime(token.revokedAt)}>
            Revoked
          </span>
        ) : (
          <span className="badge badge--on">Active</span>
        )}
      </td>
      <td className="actions">
        {token.revokedAt ? null : (
          <ConfirmButton
            question={`Revoke ${token.name}?`}
            confirmLabel="Revoke"
            disabled={revoke.isPending}
            onConfirm={() => revoke.mutate()}
          >
            Revoke
          </ConfirmButton>
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
