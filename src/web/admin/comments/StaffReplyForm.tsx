import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Field, FormProblem, fieldIssues, messagesFor } from '../../components/Field';
import { CONTENT_LIMIT } from '../../storefront/discussion/api';
import { moderationCommands, moderationQueries, type QueuedComment } from './api';

/** A reply in the shop's name: published at once, marked "Staff" in the thread. */
export function StaffReplyForm({ comment, onClose }: { comment: QueuedComment; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [content, setContent] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  const reply = useMutation({
    mutationFn: () => moderationCommands.reply(comment.id, content),
    onSuccess: async () => {
      setContent('');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: moderationQueries.all() }),
        queryClient.invalidateQueries({ queryKey: ['store', 'products', comment.product.slug] }),
      ]);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    reply.mutate();
  };

  return (
    <form className="staff-reply" onSubmit={submit} aria-label={`Reply to ${comment.name ?? 'the comment'}`}>
      {reply.isSuccess ? (
        <p className="status status--ok" role="status">
          Your reply is published, marked as written by the shop.
        </p>
      ) : null}
      {reply.isError ? <FormProblem error={reply.error} fields={['content']} /> : null}
      <Field
        label="Reply as staff"
        errors={messagesFor(fieldIssues(reply.error), 'content')}
        hint={`${content.trim().length.toLocaleString('en')} of ${CONTENT_LIMIT.toLocaleString('en')} characters; shown with a “Staff” badge`}
      >
        {(control) => (
          <textarea {...control} ref={field} rows={3} value={content} onChange={(e) => setContent(e.target.value)} />
        )}
      </Field>
      <div className="staff-reply__actions">
        <button type="submit" className="button button--primary button--small" disabled={reply.isPending}>
          {reply.isPending ? 'Publishing…' : 'Publish reply'}
        </button>
        <button type="button" className="button button--ghost-dark button--small" onClick={onClose}>
          {reply.isSuccess ? 'Close' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}
