import { describe, expect, it } from 'vitest';
import { assembleThreads, type StoredComment } from './thread.js';

let minute = 0;
const row = (id: string, parentId: string | null, extra: Partial<StoredComment> = {}): StoredComment => ({
  id,
  parentId,
  threadId: 'root',
  depth: parentId ? 1 : 0,
  authorName: `author of ${id}`,
  authorUrl: null,
  content: `text of ${id}`,
  state: 'published',
  staff: false,
  createdAt: new Date(Date.UTC(2026, 10, 24, 12, minute++)),
  erasedAt: null,
  ...extra,
});

describe('threads as the public sees them', () => {
  it('nests replies oldest first under their parents', () => {
    const root = row('root', null);
    const late = row('late', 'root');
    const early = row('early', 'root', { createdAt: new Date(Date.UTC(2026, 0, 1)) });
    const deep = row('deep', 'early', { depth: 2 });
    const [shown] = assembleThreads([root], [late, deep, early]);
    expect(shown!.replies.map((r) => r.id)).toEqual(['early', 'late']);
    expect(shown!.replies[0]!.replies.map((r) => r.id)).toEqual(['deep']);
  });

  it('hides held and spam comments with everything under them', () => {
    const root = row('root', null);
    const held = row('held', 'root', { state: 'held' });
    const under = row('under', 'held', { depth: 2 });
    expect(assembleThreads([root, row('spam', null, { state: 'spam' })], [held, under])).toEqual([
      expect.objectContaining({ id: 'root', replies: [] }),
    ]);
  });

  it('keeps a deleted comment as a placeholder only while replies to it show', () => {
    const deleted = row('root', null, { state: 'deleted' });
    expect(assembleThreads([deleted], [])).toEqual([]);
    const [shown] = assembleThreads([deleted], [row('reply', 'root')]);
    expect(shown).toMatchObject({ removed: 'moderator', name: null, content: null, website: null });
  });

  it("says when a comment was removed at its author's request", () => {
    const [shown] = assembleThreads([row('root', null, { erasedAt: new Date(), authorName: null, content: '' })], []);
    expect(shown).toMatchObject({ removed: 'author-request', content: null });
  });
});
