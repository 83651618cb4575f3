import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ErrorPanel, Loading } from '../components/Status';
import { humanize } from '../format';
import { authCommands, loginPath, type Session, SessionProvider, sessionQuery } from './auth/session';
import { visibleSections } from './sections';

/** The staff console's frame: nobody sees any of it without a session. */
export function AdminLayout() {
  const session = useQuery(sessionQuery());
  const location = useLocation();

  if (session.isPending) {
    return (
      <main className="admin-gate">
        <Loading what="your session" />
      </main>
    );
  }
  if (session.isError) {
    return (
      <main className="admin-gate">
        <ErrorPanel error={session.error} />
      </main>
    );
  }
  if (!session.data) {
    return <Navigate replace to={loginPath(`${location.pathname}${location.search}`)} />;
  }

  return (
    <SessionProvider value={session.data}>
      <div className="admin">
        <Sidebar session={session.data} />
        <main className="admin-main">
          <Outlet />
        </main>
      </div>
    </SessionProvider>
  );
}

function Sidebar({ session }: { session: Session }) {
  return (
    <aside className="admin-sidebar">
      <div className="admin-sidebar__inner">
        <Link className="admin-brand" to="/admin">
          <span className="brand__mark" aria-hidden="true">
            mi
          </span>
          <span>
            marketgate <span className="admin-brand__sub">admin</span>
          </span>
        </Link>
        <nav aria-label="Admin">
          <ul className="admin-nav">
            <li>
              <NavLink to="/admin" end className="admin-nav__link">
                Overview
              </NavLink>
            </li>
            {visibleSections(session.permissions).map((section) => (
              <li key={section.path}>
                <NavLink to={`/admin/${section.path}`} className="admin-nav__link" title={section.summary}>
                  {section.label}
                  {section.badge}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="admin-sidebar__foot">
          <section className="admin-user" aria-label="Signed in">
            <p className="admin-user__name">{session.user.name}</p>
            <p className="admin-user__meta">
              <span className="admin-user__role">{humanize(session.user.role)}</span>
              <span className="admin-user__email" title={session.user.email}>
                {session.user.email}
              </span>
            </p>
            <LogOutButton />
          </section>
          <Link className="admin-sidebar__store" to="/">
            ← Storefront
          </Link>
        </div>
      </div>
    </aside>
  );
}

function LogOutButton() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logOut = useMutation({
    mutationFn: authCommands.logOut,
    onSuccess: async () => {
      // Leave the shell first (flushSync commits it at once), so nothing still mounted refetches the
      // session and sends the login page a "next" back into the console.
      await navigate('/admin/login', { replace: true, flushSync: true });
      queryClient.clear();
    },
  });
  return (
    <>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={() => logOut.mutate()}
        disabled={logOut.isPending}
      >
        {logOut.isPending ? 'Logging out…' : 'Log out'}
      </button>
      {logOut.isError ? (
        <p className="admin-user__error" role="alert">
          {logOut.error.message}
        </p>
      ) : null}
    </>
  );
}
