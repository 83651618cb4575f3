import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorPanel, Loading } from '../../components/Status';
import { formatDateTime } from '../../format';
import { type ChangesFilter, GATES, type GateName, readinessQueries, type VerdictChange } from './api';
import { cellKey } from './params';
import { GATE_LABEL } from './state';

/**
 * The verdict audit trail, newest first, a page at a time. With `names` each change says which product in
 * which market it is about and links to that verdict; without, the list belongs to one verdict already.
 */
export function ChangesList({
  filter,
  pageSize,
  names,
  label,
}: {
  filter: ChangesFilter;
  pageSize: number;
  names?: { product: (slug: string) => string; market: (code: string) => string };
  label: string;
}) {
  const changes = useInfiniteQuery(readinessQueries.changes(filter, pageSize));
  const rows = changes.data?.pages.flatMap((page) => page.changes) ?? [];
  return (
    <>
      {changes.isPending ? <Loading what="verdict changes" /> : null}
      {changes.isError ? <ErrorPanel error={changes.error} /> : null}
      {changes.data && rows.length === 0 ? <p className="muted">No verdict changes recorded.</p> : null}
      {rows.length > 0 ? (
        <ol className={`changes${names ? ' changes--wide' : ''}`} aria-label={label}>
          {rows.map((change) => (
            <ChangeItem key={change.id} change={change} names={names} />
          ))}
        </ol>
      ) : null}
      {changes.hasNextPage ? (
        <p className="pager">
          <button
            type="button"
            className="button button--ghost-dark button--small"
            disabled={changes.isFetchingNextPage}
            onClick={() => changes.fetchNextPage()}
          >
            {changes.isFetchingNextPage ? 'Loading…' : 'Older'}
          </button>
        </p>
      ) : rows.length > pageSize ? (
        <p className="pager muted">The first recorded verdict.</p>
      ) : null}
    </>
  );
}

function ChangeItem({
  change,
  names,
}: {
  change: VerdictChange;
  names: { product: (slug: string) => string; market: (code: string) => string } | undefined;
}) {
  return (
    <li className="change">
      <time className="change__at muted" dateTime={change.at}>
        {formatDateTime(change.at)}
      </time>
      {names ? (
        <p className="change__subject">
          <Link to={`/admin/readiness?${new URLSearchParams({ cell: cellKey(change.product, change.market) })}`}>
            {names.product(change.product)} in {names.market(change.market)}
          </Link>
        </p>
      ) : null}
      <p className="change__verdict">
        <Sellability value={change.from} /> <span aria-hidden="true">→</span>
        <span className="visually-hidden">to</span> <Sellability value={change.to} />
        {gateMoves(change).map((move) => (
          <span key={move.gate} className="change__gate">
            {GATE_LABEL[move.gate]} {move.open ? 'opened' : 'closed'}
          </span>
        ))}
      </p>
      {change.reasons.length > 0 ? (
        <ul className="change__reasons">
          {change.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}
      <p className="change__cause muted">Cause: {change.cause}</p>
    </li>
  );
}

function Sellability({ value }: { value: boolean | null }) {
  if (value === null) return <span className="badge badge--off">Not evaluated</span>;
  return <span className={`badge ${value ? 'badge--on' : 'badge--bad'}`}>{value ? 'Sellable' : 'Blocked'}</span>;
}

/** The gates this change opened or closed; on a first evaluation, the gates it found closed. */
function gateMoves(change: VerdictChange): Array<{ gate: GateName; open: boolean }> {
  const before = change.fromGates;
  return GATES.filter((gate) => (before ? before[gate] !== change.toGates[gate] : !change.toGates[gate])).map(
    (gate) => ({ gate, open: change.toGates[gate] }),
  );
}
