import { formatDateTime } from '../../format';
import type { ModerationAction, QueuedComment } from './api';
import { StaffReplyForm } from './StaffReplyForm';

export const ACTION_LABEL: Record<ModerationAction, string> = { approve: 'Approve', spam: 'Spam', delete: 'Delete' };

/** The score as the filter's thresholds read it: from 0.5 held, from 0.9 spam. */
function scoreBadge(score: number): string {
  return score >= 0.9 ? 'badge badge--bad' : score >= 0.5 ? 'badge badge--warn' : 'badge badge--on';
}

/**
 * A comment as a moderator judges it: who wrote it (with what only moderators see: email, address,
 * browser), the text as text, and the filter's score with its reasons.
 */
export function QueuedRow({
  comment,
  current,
  selected,
  replying,
  busy,
  actions,
  rowRef,
  onFocus,
  onToggle,
  onAct,
  onReply,
}: {
  comment: QueuedComment;
  current: boolean;
  selected: boolean;
  replying: boolean;
  busy: boolean;
  actions: ModerationAction[];
  rowRef: (element: HTMLTableRowElement | null) => void;
  onFocus: () => void;
  onToggle: () => void;
  onAct: (action: ModerationAction) => void;
  onReply: (open: boolean) => void;
}) {
  const name = comment.name ?? '(erased)';
  const className = ['queued', current ? 'is-current' : '', selected ? 'is-selected' : ''].filter(Boolean).join(' ');
  return (
    <>
      <tr ref={rowRef} className={className} tabIndex={-1} onFocus={onFocus} aria-label={`Comment by ${name}`}>
        <td className="queue__select">
          <input type="checkbox" aria-label={`Select the comment by ${name}`} checked={selected} onChange={onToggle} />
        </td>
        <td className="queued__comment">
          <p className="queued__who">
            <strong>{name}</strong>
            {comment.staff ? <span className="badge badge--on">Staff</span> : null}
            {comment.email ? <span className="cell__email">{comment.email}</span> : null}
          </p>
          {comment.website ? (
            <p className="queued__website">
              <span className="visually-hidden">Website: </span>
              <code>{comment.website}</code>
            </p>
          ) : null}
          <p className="queued__text">{comment.content || '(erased at the author’s request)'}</p>
          <p className="queued__context muted">
            On {comment.product.name}
            {comment.parentId ? ' (a reply)' : ''} ·{' '}
            <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
            {comment.ipAddress ? ` · IP ${comment.ipAddress}` : ''}
            {comment.userAgent ? (
              <>
                {' · '}
                <span className="queued__agent" title={comment.userAgent}>
                  {comment.userAgent}
                </span>
              </>
            ) : null}
            {comment.moderatedAt ? (
              <>
                {' · moderated '}
                <time dateTime={comment.moderatedAt}>{formatDateTime(comment.moderatedAt)}</time>
              </>
            ) : null}
          </p>
        </td>
        <td className="queued__score">
          <span className={scoreBadge(comment.score)} title="The filter's score that the text is spam, 0 to 1">
            {comment.score.toFixed(2)}
          </span>
          {comment.reasons.length > 0 ? (
            <ul className="queued__reasons" aria-label="Reasons">
              {comment.reasons.map((reason) => (
                <li key={`${reason.code}:${reason.detail}`}>{reason.detail}</li>
              ))}
            </ul>
          ) : null}
        </td>
        <td className="actions">
          <span className="actions__group queued__actions">
            {actions.map((action) => (
              <button
                key={action}
                type="button"
                className={`button button--small ${action === 'approve' ? 'button--primary' : 'button--ghost-dark'}`}
                disabled={busy}
                onClick={() => onAct(action)}
              >
                {ACTION_LABEL[action]}
              </button>
            ))}
            {comment.state === 'published' ? (
              <button
                type="button"
                className="button button--small button--ghost-dark"
                aria-expanded={replying}
                onClick={() => onReply(!replying)}
              >
                Reply
              </button>
            ) : null}
          </span>
        </td>
      </tr>
      {replying ? (
        <tr className="table__note queued__reply">
          <td />
          <td colSpan={3}>
            <StaffReplyForm comment={comment} onClose={() => onReply(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
