import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorPanel, Loading } from '../../components/Status';
import { plural } from '../../format';
import { discussionQueries, type ThreadOrder } from './api';
import { CommentForm } from './CommentForm';
import { CommentItem } from './CommentItem';
import './discussion.css';

const ORDERS: { order: ThreadOrder; label: string }[] = [
  { order: 'newest', label: 'Newest first' },
  { order: 'oldest', label: 'Oldest first' },
];

/** A product's discussion: shared by every market the product is sold in. */
export function Discussion({ slug }: { slug: string }) {
  const [order, setOrder] = useState<ThreadOrder>('newest');
  const [replyOpen, setReplyOpen] = useState<string | null>(null);
  const thread = useInfiniteQuery(discussionQueries.thread(slug, order));
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
              onClick={() => setOrder(o.order)}
            >
              {o.label}
            </button>
          ))}
        </fieldset>
      </header>
      <CommentForm slug={slug} />
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
              reply={{ open: replyOpen, toggle: setReplyOpen }}
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
