import type { ReactNode } from 'react';
import { type Permission, useSession } from './session';

/** A console page the session's role may not open: say so instead of letting every request fail with 403. */
export function RequirePermission({
  permission,
  page,
  children,
}: {
  permission: Permission;
  page: string;
  children: ReactNode;
}) {
  const session = useSession();
  if (session.permissions.includes(permission)) return children;
  return (
    <section className="empty" aria-labelledby="forbidden-heading">
      <title>{`${page} — not allowed`}</title>
      <h1 id="forbidden-heading">You can't open {page}</h1>
      <p className="status__code">403 Forbidden</p>
      <p>
        Your role, <strong>{session.user.role}</strong>, does not include the <code>{permission}</code> permission. An
        admin can change your role.
      </p>
    </section>
  );
}
