import { useQuery } from '@tanstack/react-query';
import { ErrorPanel, Loading } from '../../components/Status';
import { formatDateTime } from '../../format';
import { orderQueries } from './api';

/** The emails about the order the platform has written (the confirmation), as the customer gets them. */
export function OrderEmail({ number }: { number: string }) {
  const outbox = useQuery(orderQueries.outbox());
  const messages = outbox.data?.messages.filter((m) => m.about.order === number) ?? [];
  return (
    <section className="panel" aria-labelledby="order-email-heading">
      <h3 id="order-email-heading">Emails</h3>
      {outbox.isPending ? <Loading what="the outbox" /> : null}
      {outbox.isError ? <ErrorPanel error={outbox.error} /> : null}
      {outbox.isSuccess && messages.length === 0 ? (
        <p className="muted">No email about this order among the latest in the outbox.</p>
      ) : null}
      {messages.map((message) => (
        <article key={message.id} className="order-email" aria-label={message.subject}>
          <p className="order-email__meta">
            <strong>{message.subject}</strong>
            <span className="muted">
              {' '}
              to {message.to} ·{' '}
              {message.sentAt
                ? `sent ${formatDateTime(message.sentAt)}`
                : `queued ${formatDateTime(message.createdAt)}`}
            </span>
          </p>
          <pre className="order-email__text">{message.text}</pre>
        </article>
      ))}
    </section>
  );
}
