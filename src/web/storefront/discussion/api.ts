import { infiniteQueryOptions } from '@tanstack/react-query';
import { request, seg } from '../../api';

// Product discussions as the storefront uses them (src/modules/discussion/routes.ts is the source).
// Every text in these answers is plain text typed by a visitor: render it as text, never as HTML.

export type Removal = 'author-request' | 'moderator';

export interface PublicComment {
  id: string;
  parentId: string | null;
  /** Null when the comment was removed. */
  name: string | null;
  website: string | null;
  content: string | null;
  /** Written by the shop. */
  staff: boolean;
  createdAt: string;
  removed: Removal | null;
  /** Oldest first; two levels deep at most. */
  replies: PublicComment[];
}

export interface ThreadPage {
  comments: PublicComment[];
  /** Published comments on the product, replies included. */
  total: number;
  nextCursor: string | null;
}

export type ThreadOrder = 'newest' | 'oldest';

export interface CommentDraft {
  name: string;
  email: string;
  website: string;
  content: string;
  parentId?: string;
  /** When the form was shown (ms since the epoch): the server's time trap. */
  loadedAt: number;
  /** The honeypot: people never see it, so it stays empty. */
  address: string;
}

export type Posted = { status: 'published'; comment: PublicComment } | { status: 'held'; message: string };

export type DataAction = 'export' | 'erase';

export interface CommentExport {
  email: string;
  exportedAt: string;
  comments: {
    id: string;
    product: string;
    name: string | null;
    email: string | null;
    website: string | null;
    content: string;
    state: string;
    ipAddress: string | null;
    userAgent: string | null;
    createdAt: string;
  }[];
}

/** The comment form's limit on the text, as the server checks it. */
export const CONTENT_LIMIT = 5000;

const PAGE = 20;

export const discussionQueries = {
  all: (slug: string) => ['store', 'products', slug, 'comments'] as const,
  thread: (slug: string, order: ThreadOrder) =>
    infiniteQueryOptions({
      queryKey: ['store', 'products', slug, 'comments', order],
      queryFn: ({ pageParam }) => {
        const query = new URLSearchParams({ order, limit: String(PAGE) });
        if (pageParam) query.set('cursor', pageParam);
        return request<ThreadPage>(`/api/store/products/${seg(slug)}/comments?${query}`);
      },
      initialPageParam: '',
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
};

export const discussionCommands = {
  post: (slug: string, draft: CommentDraft) =>
    request<Posted>(`/api/store/products/${seg(slug)}/comments`, { method: 'POST', json: draft }),
  requestData: (email: string, action: DataAction) =>
    request<{ message: string }>('/api/store/comment-data/requests', { method: 'POST', json: { email, action } }),
  exportData: (token: string) =>
    request<CommentExport>('/api/store/comment-data/export', { method: 'POST', json: { token } }),
  eraseData: (token: string) =>
    request<{ erased: number }>('/api/store/comment-data/erase', { method: 'POST', json: { token } }),
};

/** The address to link a commenter's name to: only http(s), anything else (javascript:, data:) stays text. */
export function safeWebsite(website: string | null): string | undefined {
  if (!website) return undefined;
  try {
    const url = new URL(website);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
