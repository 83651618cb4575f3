import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorPanel, Loading } from '../../components/Status';
import { plural } from '../../format';
import { discussionQueries, type Posted, type ThreadOrder } from './api';
import { CommentForm } from './CommentForm';
import { CommentItem } from './CommentItem';
import './discussion.css';

const ORDERS: { order: ThreadOrder; label: string }[] = [
  { order: 'newest', label: 'Newest first' },
  { order: 'oldest', label: 'Oldest first' },
];

/** Names the comment form at the top, where a reply form is named by the comment it answers. */
const NEW_COMMENT = 'new-comment';

/** A product's discussion: shared by every market the product is sold in. */
export function Discussion({ slug }: { slug: string }) {
  const [order, setOrder] = useState<ThreadOrder>('newest');
  const [replyOpen, setReplyOpen] = useState<string | null>(null);
  // What the last post answered, said by the form that sent it, until the visitor moves on: to
  // another form, or to the thread in another order (which is drawn anew, without the reply form).
  const [posted, setPosted] = useState<{ form: string; answer: Posted } | null>(null);
  const thread = useInfiniteQuery(discussionQueries.thread(slug, order));
  const postedBy = (form: string | null) => (posted && posted.form === form ? posted.answer : null);
  const record = (form: string, answer: Posted | null) => setPosted(answer ? { form, answer } : null);
  const reorder = (next: ThreadOrder) => {
    if (next === order) return;
    setOrder(next);
    setReplyOpen(null);
    setPosted(null);
  };
  const toggleReply = (id: string | null) => {
    setReplyOpen(id);
    setPosted(null);
  };
  const comments = thread.data?.pages.flatMap((page) => page.comments) ?? [];
  const total = thread.data?.pages[0]?.total;

  return (
    <section className="discussion" aria-labelledby="discussion-heading">
      <header className="discussion__header">
        <h2 id="discussion-heading">Discussion</h2>
        {total !== undefined ? <p className="discussion__count">{plural(total, 'comment')}</p> : null}
        <fieldset className="discussion__order">
          <legend className="visually-hidden">Order of comments</legend>
          {ORDERS.map((o) => (
            <button
              key={o.order}
              type="button"
              className="discussion__order-button"
              aria-pressed={order === o.order}
              onClick={() => reorder(o.order)}
            >
              {o.label}
            </button>
          ))}
        </fieldset>
      </header>
      <CommentForm slug={slug} posted={postedBy(NEW_COMMENT)} onPosted={(answer) => record(NEW_COMMENT, answer)} />
      {thread.isPending ? <Loading what="comments" /> : null}
      {thread.isError && !thread.data ? <ErrorPanel error={thread.error} /> : null}
      {thread.isSuccess && comments.length === 0 ? (
        <p className="discussion__empty muted">No comments yet. Questions and experiences are welcome.</p>
      ) : null}
      {comments.length > 0 ? (
        <ol className="comments" aria-label="Comments">
          {comments.map((comment) => (
            <CommentItem
              key={comment.id}
              slug={slug}
              comment={comment}
              reply={{
                open: replyOpen,
                toggle: toggleReply,
                posted: postedBy(replyOpen),
                onPosted: record,
              }}
            />
          ))}
        </ol>
      ) : null}
      {thread.hasNextPage ? (
        <p className="pager">
          <button
            type="button"
            className="button button--ghost-dark"
            disabled={thread.isFetchingNextPage}
            onClick={() => thread.fetchNextPage()}
          >
            {thread.isFetchingNextPage ? 'Loading…' : 'Load more comments'}
          </button>
        </p>
      ) : null}
      {thread.isFetchNextPageError ? <ErrorPanel error={thread.error} /> : null}
    </section>
  );
}
