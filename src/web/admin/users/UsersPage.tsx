import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, FormProblem, fieldIssues, messagesFor } from '../../components/Field';
import { OneTimeSecret } from '../../components/OneTimeSecret';
import { ErrorPanel, Loading } from '../../components/Status';
import type { Role } from '../auth/session';
import { accountCommands, accountQueries } from './api';
import { RoleSelect } from './RoleSelect';
import { TokensPanel } from './TokensPanel';
import { UserRow } from './UserRow';

export function UsersPage() {
  const users = useQuery(accountQueries.users());
  return (
    <>
      <title>Users — marketgate admin</title>
      <header className="page-header">
        <h1>Users</h1>
        <p className="muted">
          Staff accounts and the API tokens of other systems. A role decides what each of them may see and change.
        </p>
      </header>

      <CreateUserForm />

      <section className="panel" aria-labelledby="users-heading">
        <h2 id="users-heading">
          Staff accounts {users.data ? <span className="muted">({users.data.users.length})</span> : null}
        </h2>
        {users.isPending ? <Loading what="users" /> : null}
        {users.isError ? <ErrorPanel error={users.error} /> : null}
        {users.data ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last login</th>
                  <th scope="col" className="actions">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.users.map((user) => (
                  <UserRow key={user.id} user={user} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <TokensPanel />
    </>
  );
}

/** The fields of a new user that the server may refuse, each shown next to its input. */
const FIELDS = ['email', 'name', 'role', 'password'] as const;

function CreateUserForm() {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('support');
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<{ email: string; password: string | null } | null>(null);

  const create = useMutation({
    mutationFn: accountCommands.createUser,
    onSuccess: async (answer, input) => {
      // A password the admin typed is theirs to pass on; only a generated one needs showing.
      setCreated({ email: answer.user.email, password: input.password ? null : (answer.password ?? null) });
      setEmail('');
      setName('');
      setPassword('');
      await queryClient.invalidateQueries({ queryKey: accountQueries.users().queryKey });
    },
  });

  const errorsOf = (field: (typeof FIELDS)[number]) => messagesFor(fieldIssues(create.error), field);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    create.mutate({ email: email.trim(), name: name.trim(), role, ...(password ? { password } : {}) });
  };

  return (
    <section className="panel" aria-labelledby="new-user-heading">
      <h2 id="new-user-heading">Add a user</h2>
      {create.isError ? <FormProblem error={create.error} fields={FIELDS} /> : null}
      <form className="form form--inline" onSubmit={submit} aria-labelledby="new-user-heading">
        <Field label="Email" errors={errorsOf('email')}>
          {(control) => (
            <input
              {...control}
              type="email"
              required
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label="Name" errors={errorsOf('name')}>
          {(control) => (
            <input {...control} required autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field label="Role" errors={errorsOf('role')}>
          {(control) => <RoleSelect id={control.id} value={role} onChange={setRole} />}
        </Field>
        <Field label="Password" errors={errorsOf('password')}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              minLength={12}
              placeholder="Empty: generate one"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button className="button button--primary" type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create user'}
        </button>
      </form>
      <p className="form__hint muted">
        A password needs at least 12 characters; leave it empty and a strong one is generated and shown once.
      </p>
      {created?.password ? (
        <OneTimeSecret
          title={`Password for ${created.email}`}
          label={`New password for ${created.email}`}
          secret={created.password}
          onDone={() => setCreated(null)}
        />
      ) : created ? (
        <p className="status status--ok" role="status">
          Created {created.email}.
        </p>
      ) : null}
    </section>
  );
}
