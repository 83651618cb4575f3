import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { adminQueries } from '../../api';
import { ErrorPanel, Loading } from '../../components/Status';
import { ORDER_STATUSES, type OrderFilter, type OrderStatus, orderQueries } from './api';
import { OrderDetail } from './OrderDetail';
import { OrderFilters } from './OrderFilters';
import { OrderTable } from './OrderTable';
import './orders.css';

const isStatus = (value: string | null): value is OrderStatus =>
  (ORDER_STATUSES as readonly (string | null)[]).includes(value);

export function OrdersPage() {
  const [params, setParams] = useSearchParams();
  // The filter and the open order live in the address, so a view can be bookmarked or sent to a colleague.
  const status = params.get('status');
  const filter: OrderFilter = {
    market: params.get('market')?.toUpperCase() ?? '',
    status: isStatus(status) ? status : '',
    email: params.get('email') ?? '',
  };
  const open = params.get('order');
  const markets = useQuery(adminQueries.markets());

  const address = (next: OrderFilter, order?: string) => {
    const query = new URLSearchParams();
    if (next.market) query.set('market', next.market);
    if (next.status) query.set('status', next.status);
    if (next.email) query.set('email', next.email);
    if (order) query.set('order', order);
    return `?${query}`;
  };

  return (
    <>
      <title>Orders — marketgate admin</title>
      <header className="page-header">
        <h1>Orders</h1>
        <p className="muted">
          What shoppers bought, newest first: pay, ship and deliver them, cancel what has not shipped, refund in part or
          in full.
        </p>
      </header>
      {open ? (
        <OrderDetail id={open} back={address(filter)} />
      ) : (
        <>
          <OrderFilters
            key={`${filter.market}\n${filter.status}\n${filter.email}`}
            initial={filter}
            markets={markets.data?.markets ?? []}
            onApply={(next) => setParams(address(next).slice(1), { replace: true })}
          />
          <OrderList filter={filter} linkTo={(id) => address(filter, id)} />
        </>
      )}
    </>
  );
}

function OrderList({ filter, linkTo }: { filter: OrderFilter; linkTo: (id: string) => string }) {
  const orders = useInfiniteQuery(orderQueries.list(filter));
  const rows = orders.data?.pages.flatMap((page) => page.orders) ?? [];
  const filtered = Boolean(filter.market || filter.status || filter.email);

  if (orders.isPending) return <Loading what="orders" />;
  if (orders.isError && !orders.data) return <ErrorPanel error={orders.error} />;
  if (rows.length === 0) return <p className="empty">{filtered ? 'No orders match this filter.' : 'No orders yet.'}</p>;
  return (
    <>
      <OrderTable orders={rows} linkTo={linkTo} />
      {orders.hasNextPage ? (
        <p className="pager">
          <button
            type="button"
            className="button button--ghost-dark"
            disabled={orders.isFetchingNextPage}
            onClick={() => orders.fetchNextPage()}
          >
            {orders.isFetchingNextPage ? 'Loading…' : 'Older orders'}
          </button>
        </p>
      ) : (
        <p className="pager muted">No older orders.</p>
      )}
      {orders.isFetchNextPageError ? <ErrorPanel error={orders.error} /> : null}
    </>
  );
}
