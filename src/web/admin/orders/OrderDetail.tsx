import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { isNotFound } from '../../api';
import { ErrorPanel, Loading } from '../../components/Status';
import { formatDateTime } from '../../format';
import { AddressBlock, OrderLines } from '../../storefront/OrderDetails';
import { useCan } from '../auth/session';
import { type OrderRecord, orderQueries } from './api';
import { useOrderMoney } from './money';
import { OrderActions } from './OrderActions';
import { OrderEmail } from './OrderEmail';
import { OrderHistory } from './OrderHistory';
import { OrderPayments } from './OrderPayments';
import { StaffStatusBadge } from './StaffStatusBadge';

/** One order: what was bought, by whom, where it goes, how it was paid, what happened to it, what can be done. */
export function OrderDetail({ id, back }: { id: string; back: string }) {
  const order = useQuery(orderQueries.detail(id));
  return (
    <>
      <p className="order-detail__back">
        <Link to={back}>← All orders</Link>
      </p>
      {order.isPending ? <Loading what="the order" /> : null}
      {isNotFound(order.error) ? (
        <div className="status status--error" role="alert">
          <p className="status__title">No such order</p>
          <p>The link may be mistyped.</p>
        </div>
      ) : order.isError ? (
        <ErrorPanel error={order.error} />
      ) : null}
      {order.data ? <OrderRecordView order={order.data} /> : null}
    </>
  );
}

function OrderRecordView({ order }: { order: OrderRecord }) {
  const format = useOrderMoney();
  const money = (amount: number) => format(amount, order);
  const canWrite = useCan('orders:write');
  const canReadPii = useCan('customers:read-pii');
  return (
    <article className="order-detail" aria-labelledby="order-detail-heading">
      <header className="order-detail__header">
        <h2 id="order-detail-heading">
          Order <span className="order-number">{order.number}</span>
        </h2>
        <StaffStatusBadge status={order.status} />
        <span className="muted">
          {order.market} · placed {formatDateTime(order.createdAt)}
        </span>
      </header>

      {canWrite ? <OrderActions order={order} money={money} /> : null}

      <div className="order-detail__grid">
        <section className="panel" aria-labelledby="order-items-heading">
          <h3 id="order-items-heading">Items</h3>
          <OrderLines order={order} money={money} />
        </section>
        <section className="panel" aria-labelledby="order-customer-heading">
          <h3 id="order-customer-heading">Customer</h3>
          <p>
            <a href={`mailto:${order.email}`}>{order.email}</a>
          </p>
          <AddressBlock address={order.shippingAddress} />
          <p className="muted order-detail__method">{order.shippingMethod.name}</p>
          {order.holdUntil ? (
            <p className="muted">Stock held for payment until {formatDateTime(order.holdUntil)}.</p>
          ) : null}
        </section>
      </div>

      <OrderPayments payments={order.payments} money={money} />
      <OrderHistory events={order.events} money={money} />
      {canReadPii ? <OrderEmail number={order.number} /> : null}
    </article>
  );
}
