import type { CommentState } from './tables.js';

// Pure: stored comments to the thread the public sees. Only published comments show; a removed
// comment that others answered stays as a placeholder, so the replies keep their context. An
// author's email never leaves this function.

export interface StoredComment {
  id: string;
  parentId: string | null;
  threadId: string;
  depth: number;
  authorName: string | null;
  authorUrl: string | null;
  content: string;
  state: CommentState;
  staff: boolean;
  createdAt: Date;
  erasedAt: Date | null;
}

export type Removal = 'author-request' | 'moderator';

export interface PublicComment {
  id: string;
  parentId: string | null;
  /** Null when removed. */
  name: string | null;
  website: string | null;
  content: string | null;
  staff: boolean;
  createdAt: string;
  removed: Removal | null;
  replies: PublicComment[];
}

export const REMOVED_TEXT: Record<Removal, string> = {
  'author-request': 'Comment removed at the author’s request.',
  moderator: 'Comment removed by a moderator.',
};

export function publicComment(row: StoredComment): PublicComment {
  const removed: Removal | null = row.erasedAt ? 'author-request' : row.state === 'deleted' ? 'moderator' : null;
  return {
    id: row.id,
    parentId: row.parentId,
    name: removed ? null : row.authorName,
    website: removed ? null : row.authorUrl,
    content: removed ? null : row.content,
    staff: row.staff,
    createdAt: row.createdAt.toISOString(),
    removed,
    replies: [],
  };
}

/**
 * Nests replies (oldest first) under the given top-level comments, keeping the order of `roots`.
 * Held and spam comments are dropped with everything under them; a deleted one stays only as the
 * placeholder of replies that are still shown.
 */
export function assembleThreads(roots: readonly StoredComment[], replies: readonly StoredComment[]): PublicComment[] {
  const children = new Map<string, StoredComment[]>();
  for (const reply of [...replies].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const list = children.get(reply.parentId!) ?? [];
    list.push(reply);
    children.set(reply.parentId!, list);
  }
  const build = (row: StoredComment): PublicComment | undefined => {
    if (row.state === 'held' || row.state === 'spam') return undefined;
    const node = publicComment(row);
    node.replies = (children.get(row.id) ?? []).map(build).filter((c): c is PublicComment => c !== undefined);
    if (row.state === 'deleted' && node.replies.length === 0) return undefined;
    return node;
  };
  return roots.map(build).filter((c): c is PublicComment => c !== undefined);
}
