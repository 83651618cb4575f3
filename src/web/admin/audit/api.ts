import { infiniteQueryOptions } from '@tanstack/react-query';
import { request } from '../../api';

export interface AuditActor {
  /** "anonymous" is a login attempt by nobody (yet): the label is the email that was tried. */
  kind: 'user' | 'token' | 'system' | 'anonymous';
  id: string | null;
  /** An email, a token name, or what the system was doing. */
  label: string;
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: AuditActor;
  action: string;
  target: string | null;
  ip: string | null;
  /** The HTTP status the request was answered with. */
  status: number | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  /** Matches actions starting with it: "users." finds every change to accounts. */
  action: string;
  /** An email or a token name. */
  actor: string;
}

const PAGE = 50;

export const auditQueries = {
  events: (filter: AuditFilter) =>
    infiniteQueryOptions({
      queryKey: ['admin', 'audit', filter],
      queryFn: ({ pageParam }) => {
        const query = new URLSearchParams({ limit: String(PAGE) });
        if (pageParam !== null) query.set('before', String(pageParam));
        if (filter.action) query.set('action', filter.action);
        if (filter.actor) query.set('actor', filter.actor);
        return request<{ events: AuditEvent[]; nextBefore: number | null }>(`/api/admin/audit?${query}`);
      },
      initialPageParam: null as number | null,
      // The log is newest first; each page says where the next, older one starts.
      getNextPageParam: (page) => page.nextBefore ?? undefined,
    }),
};
