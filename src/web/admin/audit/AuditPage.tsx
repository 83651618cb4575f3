import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorPanel, Loading } from '../../components/Status';
import { formatDate, formatDateTime, formatTime } from '../../format';
import { type AuditActor, type AuditEvent, auditQueries } from './api';

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  // The filter lives in the address, so a filtered view can be bookmarked or sent to a colleague.
  const filter = { action: params.get('action') ?? '', actor: params.get('actor') ?? '' };
  const events = useInfiniteQuery(auditQueries.events(filter));
  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <>
      <title>Audit log — marketgate admin</title>
      <header className="page-header">
        <h1>Audit log</h1>
        <p className="muted">
          Every login attempt and every change made in the console or with an API token, newest first.
        </p>
      </header>

      <FilterForm
        key={`${filter.action}\n${filter.actor}`}
        initial={filter}
        onApply={(next) => {
          const query = new URLSearchParams();
          if (next.action) query.set('action', next.action);
          if (next.actor) query.set('actor', next.actor);
          setParams(query, { replace: true });
        }}
      />

      {events.isPending ? <Loading what="the audit log" /> : null}
      {events.isError ? <ErrorPanel error={events.error} /> : null}
      {events.data && rows.length === 0 ? (
        <p className="empty">{filter.action || filter.actor ? 'No events match this filter.' : 'No events yet.'}</p>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--audit" aria-label="Audit events">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">IP</th>
                <th scope="col">Status</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((event) => (
                <EventRow key={event.id} event={event} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {events.hasNextPage ? (
        <p className="pager">
          <button
            type="button"
            className="button button--ghost-dark"
            disabled={events.isFetchingNextPage}
            onClick={() => events.fetchNextPage()}
          >
            {events.isFetchingNextPage ? 'Loading…' : 'Older'}
          </button>
        </p>
      ) : rows.length > 0 ? (
        <p className="pager muted">The beginning of the log.</p>
      ) : null}
    </>
  );
}

function FilterForm({
  initial,
  onApply,
}: {
  initial: { action: string; actor: string };
  onApply: (filter: { action: string; actor: string }) => void;
}) {
  const [action, setAction] = useState(initial.action);
  const [actor, setActor] = useState(initial.actor);
  const filtered = Boolean(initial.action || initial.actor);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({ action: action.trim(), actor: actor.trim() });
  };
  return (
    <form className="form form--inline toolbar" onSubmit={submit} aria-label="Filter the audit log">
      <label className="field">
        <span className="field__label">Action starts with</span>
        <input value={action} placeholder="users." spellCheck={false} onChange={(e) => setAction(e.target.value)} />
      </label>
      <label className="field">
        <span className="field__label">Actor</span>
        <input value={actor} placeholder="Email or token name" onChange={(e) => setActor(e.target.value)} />
      </label>
      <button className="button button--primary" type="submit">
        Filter
      </button>
      {filtered ? (
        <button type="button" className="button button--ghost-dark" onClick={() => onApply({ action: '', actor: '' })}>
          Clear
        </button>
      ) : null}
    </form>
  );
}

const ACTOR_KINDS: Record<AuditActor['kind'], string> = {
  user: 'staff user',
  token: 'API token',
  system: 'marketgate',
  // A login attempt: the label is the email that was tried, whether or not it got in.
  anonymous: 'not logged in',
};

function EventRow({ event }: { event: AuditEvent }) {
  const details = Object.keys(event.details ?? {}).length > 0 ? JSON.stringify(event.details, null, 2) : null;
  return (
    <tr>
      <td>
        <time dateTime={event.at} title={formatDateTime(event.at, 'seconds')}>
          {formatDate(event.at)}
          <span className="cell__sub muted">{formatTime(event.at)}</span>
        </time>
      </td>
      <td>
        <span className={event.actor.kind === 'system' ? 'muted' : undefined}>{event.actor.label}</span>
        {event.actor.kind === 'user' ? null : <span className="cell__sub muted">{ACTOR_KINDS[event.actor.kind]}</span>}
      </td>
      <td>
        <code>{event.action}</code>
      </td>
      <td className="target">
        {event.target ? (
          // "market=US product=…": one record key per line.
          event.target.split(' ').map((part) => (
            <span key={part} className="target__part">
              {part}
            </span>
          ))
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>{event.ip ? <code>{event.ip}</code> : <span className="muted">—</span>}</td>
      <td>{event.status === null ? <span className="muted">—</span> : <Outcome status={event.status} />}</td>
      <td>
        {details ? (
          <details>
            <summary>Show</summary>
            <pre className="details-json">{details}</pre>
          </details>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}

function Outcome({ status }: { status: number }) {
  const failed = status >= 400;
  return <span className={`badge ${failed ? 'badge--bad' : 'badge--on'}`}>{status}</span>;
}
