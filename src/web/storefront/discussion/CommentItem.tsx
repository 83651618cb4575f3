import { formatDateTime } from '../../format';
import { type Posted, type PublicComment, type Removal, safeWebsite } from './api';
import { CommentForm } from './CommentForm';

const REMOVED: Record<Removal, string> = {
  'author-request': 'Comment removed at the author’s request.',
  moderator: 'Comment removed by a moderator.',
};

export interface ReplyState {
  /** The comment whose reply form is open, if any: one at a time. */
  open: string | null;
  toggle: (id: string | null) => void;
  /** The answer to the open reply form's post, until it is closed. */
  posted: Posted | null;
  onPosted: (id: string, posted: Posted | null) => void;
}

/**
 * One comment and its replies. Everything a visitor typed is a React text node: markup in a name or a
 * comment shows as the characters typed, and the text keeps its line breaks (white-space: pre-wrap).
 */
export function CommentItem({ slug, comment, reply }: { slug: string; comment: PublicComment; reply: ReplyState }) {
  const website = safeWebsite(comment.website);
  const name = comment.name ?? 'Anonymous';
  return (
    <li className={comment.staff ? 'comment comment--staff' : 'comment'}>
      <article className="comment__body" aria-label={comment.removed ? 'Removed comment' : `Comment by ${name}`}>
        {comment.removed ? (
          <p className="comment__removed">{REMOVED[comment.removed]}</p>
        ) : (
          <>
            <header className="comment__meta">
              {website ? (
                <a className="comment__author" href={website} rel="nofollow ugc noopener">
                  {name}
                </a>
              ) : (
                <span className="comment__author">{name}</span>
              )}
              {comment.staff ? <span className="badge comment__staff">Staff</span> : null}
              <time className="comment__time" dateTime={comment.createdAt}>
                {formatDateTime(comment.createdAt)}
              </time>
            </header>
            <p className="comment__text">{comment.content}</p>
            <button
              type="button"
              className="comment__reply"
              aria-expanded={reply.open === comment.id}
              aria-label={`Reply to ${name}`}
              onClick={() => reply.toggle(reply.open === comment.id ? null : comment.id)}
            >
              Reply
            </button>
          </>
        )}
      </article>
      {reply.open === comment.id ? (
        <CommentForm
          slug={slug}
          parentId={comment.id}
          replyingTo={name}
          onCancel={() => reply.toggle(null)}
          posted={reply.posted}
          onPosted={(answer) => reply.onPosted(comment.id, answer)}
        />
      ) : null}
      {comment.replies.length > 0 ? (
        <ol className="comments comments--replies">
          {comment.replies.map((answer) => (
            <CommentItem key={answer.id} slug={slug} comment={answer} reply={reply} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
