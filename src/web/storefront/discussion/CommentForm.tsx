import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { hasStatus } from '../../api';
import { Field, fieldIssues, messagesFor } from '../../components/Field';
import { useReveal } from '../../components/useReveal';
import { ShopperProblem } from '../ShopperProblem';
import { CONTENT_LIMIT, type CommentDraft, discussionCommands, discussionQueries, type Posted } from './api';

const FIELDS = ['name', 'email', 'website', 'content'] as const;
type FieldName = (typeof FIELDS)[number];

export const PRIVACY_PATH = '/privacy/comments';

/**
 * The comment form, for a new comment or (with `parentId`) a reply. The server checks every field and
 * puts its message under the field; the form adds no rules of its own. Two fields catch bots: a
 * hidden one people never fill in, and the moment the form was shown (a script sends it at once).
 * What the last post answered is the discussion's to keep (`posted`): it knows when it no longer applies.
 */
export function CommentForm({
  slug,
  parentId,
  replyingTo,
  onCancel,
  posted,
  onPosted,
}: {
  slug: string;
  parentId?: string;
  /** The name of the comment answered, for the form's label. */
  replyingTo?: string;
  /** Shown as a Cancel button, for a reply form opened inline. */
  onCancel?: () => void;
  /** The answer to this form's last post, while it applies. */
  posted: Posted | null;
  /** Called with the answer to a post, and with null when a new one is sent. */
  onPosted: (posted: Posted | null) => void;
}) {
  const queryClient = useQueryClient();
  const headingId = useId();
  // A reply form opens inline, further down the page: take the reader (and the focus) to it.
  const heading = useReveal<HTMLHeadingElement>(Boolean(parentId));
  const [draft, setDraft] = useState({ name: '', email: '', website: '', content: '', address: '' });
  const [loadedAt, setLoadedAt] = useState(() => Date.now());
  const controls = useRef<Partial<Record<FieldName, HTMLInputElement | HTMLTextAreaElement | null>>>({});

  const post = useMutation({
    mutationFn: (body: CommentDraft) => discussionCommands.post(slug, body),
    onSuccess: async (answer) => {
      onPosted(answer);
      setDraft((d) => ({ ...d, content: '' }));
      setLoadedAt(Date.now());
      if (answer.status === 'published') await queryClient.invalidateQueries({ queryKey: discussionQueries.all(slug) });
    },
    onError: (error) => {
      const issues = fieldIssues(error);
      const first = FIELDS.find((field) => messagesFor(issues, field).length > 0);
      if (first) controls.current[first]?.focus();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onPosted(null);
    post.mutate({ ...draft, loadedAt, ...(parentId ? { parentId } : {}) });
  };
  const set = (field: keyof typeof draft) => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [field]: event.target.value }));
  const issues = fieldIssues(post.error);
  const errors = (field: FieldName) => messagesFor(issues, field);
  const elsewhere = issues.filter((i) => !FIELDS.some((f) => messagesFor([i], f).length > 0));
  const length = draft.content.trim().length;
  const title = replyingTo ? `Reply to ${replyingTo}` : 'Leave a comment';

  if (posted && parentId) return <PostedNote posted={posted} onClose={onCancel} />;
  return (
    <form className="comment-form" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId} ref={heading} tabIndex={-1} className="comment-form__title">
        {title}
      </h3>
      {posted ? <PostedNote posted={posted} /> : null}
      {post.isError ? (
        hasStatus(post.error, 429) ? (
          <div className="status status--error" role="alert">
            <p className="status__title">Please wait a moment</p>
            <p>
              You are posting too quickly; try again
              {post.error.retryAfter !== undefined ? ` in ${post.error.retryAfter} seconds` : ' in a minute'}.
            </p>
          </div>
        ) : elsewhere.length > 0 && elsewhere.length === issues.length ? (
          <div className="status status--error" role="alert">
            <p className="status__title">Your comment was not posted</p>
            {elsewhere.map((issue) => (
              <p key={`${issue.field}:${issue.message}`}>{issue.message}</p>
            ))}
          </div>
        ) : (
          <ShopperProblem error={post.error} title="Your comment was not posted" />
        )
      ) : null}
      <div className="comment-form__people">
        <Field label="Name (required)" errors={errors('name')}>
          {(control) => (
            <input
              {...control}
              ref={(el) => {
                controls.current.name = el;
              }}
              required
              autoComplete="name"
              value={draft.name}
              onChange={set('name')}
            />
          )}
        </Field>
        <Field label="Email (required)" errors={errors('email')} hint="Never shown to anyone.">
          {(control) => (
            <input
              {...control}
              ref={(el) => {
                controls.current.email = el;
              }}
              type="email"
              required
              autoComplete="email"
              value={draft.email}
              onChange={set('email')}
            />
          )}
        </Field>
        <Field label="Website" errors={errors('website')}>
          {(control) => (
            <input
              {...control}
              ref={(el) => {
                controls.current.website = el;
              }}
              inputMode="url"
              autoComplete="url"
              placeholder="https://"
              value={draft.website}
              onChange={set('website')}
            />
          )}
        </Field>
      </div>
      <Field
        label="Comment (required)"
        errors={errors('content')}
        hint={
          <span className={length > CONTENT_LIMIT ? 'comment-form__count comment-form__count--over' : undefined}>
            {length.toLocaleString('en')} of {CONTENT_LIMIT.toLocaleString('en')} characters
          </span>
        }
      >
        {(control) => (
          <textarea
            {...control}
            ref={(el) => {
              controls.current.content = el;
            }}
            required
            rows={parentId ? 4 : 5}
            value={draft.content}
            onChange={set('content')}
          />
        )}
      </Field>
      {/* The honeypot: hidden from people (and from screen readers and the Tab key); bots fill it in. It has
          no name attribute, so that no browser's autofill takes it for a postal address. */}
      <div className="comment-form__trap" aria-hidden="true">
        <label>
          Leave this field empty
          <input type="text" tabIndex={-1} autoComplete="off" value={draft.address} onChange={set('address')} />
        </label>
      </div>
      <div className="comment-form__actions">
        <button type="submit" className="button button--primary" disabled={post.isPending}>
          {post.isPending ? 'Posting…' : parentId ? 'Post reply' : 'Post comment'}
        </button>
        {onCancel ? (
          <button type="button" className="button button--ghost-dark" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      <p className="comment-form__privacy">
        This site uses a spam filter. <Link to={PRIVACY_PATH}>Learn how your comment data is processed.</Link>
      </p>
    </form>
  );
}

function PostedNote({ posted, onClose }: { posted: Posted; onClose?: (() => void) | undefined }) {
  return (
    <div className="status status--ok comment-form__done" role="status">
      <p>{posted.status === 'published' ? 'Thank you. Your comment is published.' : posted.message}</p>
      {onClose ? (
        <button type="button" className="button button--ghost-dark button--small" onClick={onClose}>
          Close
        </button>
      ) : null}
    </div>
  );
}
