import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { problemText } from '../../api';
import { ErrorPanel, Loading } from '../../components/Status';
import { plural } from '../../format';
import { ACTION_TARGET, type CommentState, type ModerationAction, moderationCommands, moderationQueries } from './api';
import { ACTION_LABEL, QueuedRow } from './QueuedRow';
import { useShortcuts } from './useShortcuts';

const DONE: Record<ModerationAction, string> = { approve: 'approved', spam: 'marked as spam', delete: 'deleted' };

/** The actions that change something for comments in this state. */
export const actionsFor = (state: CommentState) =>
  (Object.keys(ACTION_TARGET) as ModerationAction[]).filter((action) => ACTION_TARGET[action] !== state);

/**
 * One queue: the comments in a state, newest first, with selection, bulk actions and the keyboard.
 * The current row (j/k, or the one holding the focus) is what a, s, d and r act on when nothing is
 * selected.
 */
export function ModerationQueue({ state }: { state: CommentState }) {
  const queryClient = useQueryClient();
  const queue = useInfiniteQuery(moderationQueries.queue(state));
  const rows = queue.data?.pages.flatMap((page) => page.comments) ?? [];
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [current, setCurrent] = useState<number | null>(null);
  const [replying, setReplying] = useState<string | null>(null);
  const [outcome, setOutcome] = useState('');
  const rowElements = useRef(new Map<string, HTMLTableRowElement>());
  const selectAll = useRef<HTMLInputElement>(null);
  /** Set when the focus is in a row being decided: once the row leaves the queue, the next one gets it. */
  const refocus = useRef(false);

  const moderate = useMutation({
    mutationFn: ({ ids, action }: { ids: string[]; action: ModerationAction }) =>
      moderationCommands.moderate(ids, action),
    onMutate: ({ ids }) => {
      setOutcome('');
      refocus.current = ids.some((id) => rowElements.current.get(id)?.contains(document.activeElement));
    },
    onError: () => {
      refocus.current = false;
    },
    onSuccess: async (answer, { ids, action }) => {
      setOutcome(`${plural(answer.changed, 'comment')} ${DONE[action]}.`);
      setSelected((before) => new Set([...before].filter((id) => !ids.includes(id))));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: moderationQueries.all() }),
        // The public threads this browser has shown change with the decision.
        queryClient.invalidateQueries({ queryKey: ['store', 'products'] }),
      ]);
    },
  });

  const visibleSelection = rows.filter((row) => selected.has(row.id)).map((row) => row.id);
  const allSelected = rows.length > 0 && visibleSelection.length === rows.length;
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = visibleSelection.length > 0 && !allSelected;
  });

  // A decided comment leaves the queue and takes the focus with it: give it to the row now in its place.
  useEffect(() => {
    if (!refocus.current || current === null) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    refocus.current = false;
    const row = rows[Math.min(current, rows.length - 1)];
    if (row) rowElements.current.get(row.id)?.focus();
  });

  const focusRow = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setCurrent(index);
    rowElements.current.get(row.id)?.focus();
  };
  const currentRow = current === null ? undefined : rows[Math.min(current, rows.length - 1)];
  const act = (action: ModerationAction, ids?: string[]) => {
    const targets = ids ?? (visibleSelection.length > 0 ? visibleSelection : currentRow ? [currentRow.id] : []);
    if (targets.length === 0 || moderate.isPending || !actionsFor(state).includes(action)) return;
    moderate.mutate({ ids: targets, action });
  };
  const toggle = (id: string) =>
    setSelected((before) => {
      const next = new Set(before);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  useShortcuts({
    j: () => focusRow(current === null ? 0 : Math.min(current + 1, rows.length - 1)),
    k: () => focusRow(current === null ? 0 : Math.max(current - 1, 0)),
    x: () => currentRow && toggle(currentRow.id),
    a: () => act('approve'),
    s: () => act('spam'),
    d: () => act('delete'),
    r: () => {
      if (currentRow?.state === 'published') setReplying(currentRow.id);
    },
  });

  if (queue.isPending) return <Loading what="comments" />;
  if (queue.isError && !queue.data) return <ErrorPanel error={queue.error} />;
  return (
    <>
      <div className="queue-bulk" role="toolbar" aria-label="Selected comments">
        <span className="queue-bulk__count">{visibleSelection.length} selected</span>
        {actionsFor(state).map((action) => (
          <button
            key={action}
            type="button"
            className={`button button--small ${action === 'approve' ? 'button--primary' : 'button--ghost-dark'}`}
            disabled={visibleSelection.length === 0 || moderate.isPending}
            onClick={() => act(action, visibleSelection)}
          >
            {ACTION_LABEL[action]} selected
          </button>
        ))}
        <p className="queue-bulk__outcome" role="status">
          {outcome}
        </p>
      </div>
      {moderate.isError ? (
        <p className="text-error" role="alert">
          {problemText(moderate.error)}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="empty">No {state} comments.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--queue" aria-label={`${state} comments`}>
            <thead>
              <tr>
                <th scope="col" className="queue__select">
                  <input
                    ref={selectAll}
                    type="checkbox"
                    aria-label="Select all comments"
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((row) => row.id)))}
                  />
                </th>
                <th scope="col">Comment</th>
                <th scope="col">Spam score</th>
                <th scope="col" className="actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((comment, index) => (
                <QueuedRow
                  key={comment.id}
                  comment={comment}
                  current={currentRow?.id === comment.id}
                  selected={selected.has(comment.id)}
                  replying={replying === comment.id}
                  busy={moderate.isPending}
                  actions={actionsFor(state)}
                  rowRef={(element) => {
                    if (element) rowElements.current.set(comment.id, element);
                    else rowElements.current.delete(comment.id);
                  }}
                  onFocus={() => setCurrent(index)}
                  onToggle={() => toggle(comment.id)}
                  onAct={(action) => act(action, [comment.id])}
                  onReply={(open) => setReplying(open ? comment.id : null)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {queue.hasNextPage ? (
        <p className="pager">
          <button
            type="button"
            className="button button--ghost-dark"
            disabled={queue.isFetchingNextPage}
            onClick={() => queue.fetchNextPage()}
          >
            {queue.isFetchingNextPage ? 'Loading…' : 'Older comments'}
          </button>
        </p>
      ) : null}
      {queue.isFetchNextPageError ? <ErrorPanel error={queue.error} /> : null}
    </>
  );
}
