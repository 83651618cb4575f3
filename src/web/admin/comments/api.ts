import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { request, seg } from '../../api';
import type { PublicComment } from '../../storefront/discussion/api';

// The moderation queue as moderators use it (src/modules/discussion/routes.ts is the source).
// Names, websites and texts are what visitors typed: render them as text.

export const COMMENT_STATES = ['held', 'spam', 'published', 'deleted'] as const;
export type CommentState = (typeof COMMENT_STATES)[number];

export type ModerationAction = 'approve' | 'spam' | 'delete';

/** The state each action moves a comment to. */
export const ACTION_TARGET: Record<ModerationAction, CommentState> = {
  approve: 'published',
  spam: 'spam',
  delete: 'deleted',
};

export interface QueuedComment {
  id: string;
  product: { slug: string; name: string };
  parentId: string | null;
  name: string | null;
  email: string | null;
  website: string | null;
  content: string;
  state: CommentState;
  staff: boolean;
  /** The classifier's score that the text is spam, 0..1. */
  score: number;
  reasons: { code: string; detail: string }[];
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: string;
  moderatedAt: string | null;
}

const PAGE = 50;
const BASE = '/api/admin/comments';

export const moderationQueries = {
  all: () => ['admin', 'comments'] as const,
  queue: (state: CommentState) =>
    infiniteQueryOptions({
      queryKey: ['admin', 'comments', 'queue', state],
      queryFn: ({ pageParam }) => {
        const query = new URLSearchParams({ state, limit: String(PAGE) });
        if (pageParam) query.set('cursor', pageParam);
        return request<{ comments: QueuedComment[]; nextCursor: string | null }>(`${BASE}?${query}`);
      },
      initialPageParam: '',
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  /** What waits for a moderator; the navigation shows it, so it is asked for again every 30 s. */
  counts: () =>
    queryOptions({
      queryKey: ['admin', 'comments', 'counts'],
      queryFn: () => request<{ held: number; spam: number }>(`${BASE}/counts`),
      refetchInterval: 30_000,
    }),
};

export const moderationCommands = {
  moderate: (ids: readonly string[], action: ModerationAction) =>
    request<{ changed: number }>(`${BASE}/moderation`, { method: 'POST', json: { ids, action } }),
  reply: (id: string, content: string) =>
    request<PublicComment>(`${BASE}/${seg(id)}/replies`, { method: 'POST', json: { content } }),
};
