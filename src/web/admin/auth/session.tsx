import { queryOptions } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { hasStatus, request, setCsrfToken } from '../../api';

// Who is signed in to the staff console and what they may do. The server decides every permission;
// the console only hides what the session's permission list says would be refused anyway.

export const ROLES = ['admin', 'compliance', 'merchandiser', 'moderator', 'support'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'catalog:read'
  | 'catalog:write'
  | 'markets:read'
  | 'markets:write'
  | 'readiness:read'
  | 'compliance:write'
  | 'ecosystem:write'
  | 'flashsales:write'
  | 'comments:moderate'
  | 'spam-keys:manage'
  | 'orders:read'
  | 'orders:write'
  | 'customers:read-pii'
  | 'users:manage'
  | 'audit:read';

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface Session {
  user: StaffUser;
  csrfToken: string;
  permissions: Permission[];
}

export const sessionQuery = () =>
  queryOptions({
    queryKey: ['auth', 'session'],
    /** The signed-in session, or null when nobody is signed in. */
    queryFn: async (): Promise<Session | null> => {
      try {
        const session = await request<Session>('/api/auth/session');
        setCsrfToken(session.csrfToken);
        return session;
      } catch (error) {
        if (!hasStatus(error, 401)) throw error;
        setCsrfToken(null);
        return null;
      }
    },
    // The session changes only by logging in or out, or by a 401 from an admin call; all three set it.
    staleTime: Number.POSITIVE_INFINITY,
  });

export const authCommands = {
  async logIn(credentials: { email: string; password: string }): Promise<Session> {
    const session = await request<Session>('/api/auth/login', { method: 'POST', json: credentials });
    setCsrfToken(session.csrfToken);
    return session;
  },
  async logOut(): Promise<void> {
    try {
      await request<void>('/api/auth/logout', { method: 'POST' });
    } catch (error) {
      // Already signed out (expired, or logged out in another tab): that is what we wanted.
      if (!hasStatus(error, 401)) throw error;
    } finally {
      setCsrfToken(null);
    }
  },
};

const SessionContext = createContext<Session | null>(null);

export const SessionProvider = SessionContext.Provider;

/** The signed-in session; only inside the admin shell, which renders nothing else without one. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside the admin shell');
  return session;
}

export function useCan(permission: Permission): boolean {
  return useSession().permissions.includes(permission);
}

// Where the login page sends the user afterwards: only a path inside the console, never another site
// ("//evil.example" is a path to the browser but a host to the URL parser).
export function safeNext(next: string | null): string {
  if (!next || !/^\/admin(?:[/?#]|$)/.test(next) || next.startsWith('/admin/login')) return '/admin';
  return next;
}

export function loginPath(wanted: string): string {
  return wanted === '/admin' || wanted === '/admin/'
    ? '/admin/login'
    : `/admin/login?next=${encodeURIComponent(wanted)}`;
}
