import { queryOptions } from '@tanstack/react-query';
import { request, seg } from '../../api';

// Keys for the Akismet-compatible API (src/modules/discussion/akismet/admin-routes.ts is the source).

export interface UsageCounts {
  /** comment-check calls answered. */
  calls: number;
  /** comment-checks answered spam, and ham. */
  spam: number;
  ham: number;
  /** submit-spam: spam the check let through. */
  missedSpam: number;
  /** submit-ham: ham the check called spam. */
  falsePositives: number;
}

export interface SpamKey {
  id: string;
  key: string;
  site: string;
  createdAt: string;
  revokedAt: string | null;
  /** This month's counts; `month` is "YYYY-MM", UTC. */
  month: UsageCounts & { month: string };
  total: UsageCounts;
}

export const spamKeyQueries = {
  list: () =>
    queryOptions({
      queryKey: ['admin', 'spam-keys'],
      queryFn: () => request<{ keys: SpamKey[] }>('/api/admin/spam/keys'),
    }),
};

export const spamKeyCommands = {
  create: (site: string) => request<SpamKey>('/api/admin/spam/keys', { method: 'POST', json: { site } }),
  revoke: (id: string) => request<void>(`/api/admin/spam/keys/${seg(id)}`, { method: 'DELETE' }),
};
