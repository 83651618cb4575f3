import { queryOptions } from '@tanstack/react-query';
import { request, seg } from '../../api';
import type { Role, StaffUser } from '../auth/session';

export interface UserAccount extends StaffUser {
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  /** The secret's first characters, enough to recognise it in a config file. */
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const accountQueries = {
  users: () =>
    queryOptions({
      queryKey: ['admin', 'users'],
      queryFn: () => request<{ users: UserAccount[] }>('/api/admin/users'),
    }),
  tokens: () =>
    queryOptions({
      queryKey: ['admin', 'tokens'],
      queryFn: () => request<{ tokens: ApiToken[] }>('/api/admin/tokens'),
    }),
};

// Passwords and token secrets in these answers are shown once and never kept: the server stores only hashes.
export const accountCommands = {
  createUser: (input: { email: string; name: string; role: Role; password?: string }) =>
    request<{ user: UserAccount; password?: string | null }>('/api/admin/users', { method: 'POST', json: input }),
  updateUser: (id: string, changes: { name?: string; role?: Role; disabled?: boolean }) =>
    request<UserAccount>(`/api/admin/users/${seg(id)}`, { method: 'PATCH', json: changes }),
  resetPassword: (id: string) =>
    request<{ password: string }>(`/api/admin/users/${seg(id)}/password`, { method: 'POST' }),
  createToken: (input: { name: string; role: Role }) =>
    request<{ token: ApiToken; secret: string }>('/api/admin/tokens', { method: 'POST', json: input }),
  revokeToken: (id: string) => request<void>(`/api/admin/tokens/${seg(id)}`, { method: 'DELETE' }),
};
