import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { hasStatus } from '../../api';
import { ErrorPanel } from '../../components/Status';
import { plural } from '../../format';
import { authCommands, safeNext, sessionQuery } from './session';

export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const logIn = useMutation({
    mutationFn: authCommands.logIn,
    onSuccess: async (session) => {
      // Answers fetched as somebody else (or as nobody) must not show through to this user.
      queryClient.removeQueries({ queryKey: ['admin'] });
      queryClient.setQueryData(sessionQuery().queryKey, session);
      await navigate(next, { replace: true });
    },
    onError: () => setPassword(''),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    logIn.mutate({ email: email.trim(), password });
  };

  return (
    <main className="login">
      <title>Log in — marketgate admin</title>
      <div className="login__card">
        <p className="admin-brand admin-brand--light">
          <span className="brand__mark" aria-hidden="true">
            mi
          </span>
          <span>
            marketgate <span className="admin-brand__sub">admin</span>
          </span>
        </p>
        <h1 className="login__title">Log in to the staff console</h1>
        {logIn.isError ? <LoginError error={logIn.error} /> : null}
        <form className="form" onSubmit={submit} aria-label="Log in">
          <label className="field">
            <span className="field__label">Email</span>
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              // biome-ignore lint/a11y/noAutofocus: the page has one job, and it starts here
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">Password</span>
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          <button className="button button--primary button--block" type="submit" disabled={logIn.isPending}>
            {logIn.isPending ? 'Logging in…' : 'Log in'}
          </button>
        </form>
        <p className="login__footer">
          <Link to="/">← Storefront</Link>
        </p>
      </div>
    </main>
  );
}

function LoginError({ error }: { error: Error }) {
  if (hasStatus(error, 429)) {
    const wait = error.retryAfter;
    return (
      <p className="status status--error" role="alert">
        Too many attempts, try again {wait === undefined ? 'later' : `in ${plural(wait, 'second')}`}.
      </p>
    );
  }
  if (hasStatus(error, 401)) {
    return (
      <p className="status status--error" role="alert">
        {error.problem.detail ?? 'Email or password is wrong'}
      </p>
    );
  }
  return <ErrorPanel error={error} />;
}
