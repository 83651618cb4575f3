import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { isNotFound } from '../api';
import { ErrorPanel, Loading } from '../components/Status';
import { formatDateTime } from '../format';
import { useMoney } from '../money';
import { commerceQueries, type Order, type OrderStatus } from './api';
import { AddressBlock, OrderLines, OrderStatusBadge } from './OrderDetails';
import './commerce.css';

const HEADLINE: Record<OrderStatus, string> = {
  pending_payment: 'Your order is waiting for payment',
  paid: 'Thank you! Your order is confirmed',
  fulfilled: 'Your order is on its way',
  delivered: 'Your order was delivered',
  cancelled: 'This order was cancelled',
  refunded: 'This order was refunded',
};

/** An order as its shopper sees it: the confirmation after paying, and the page a lookup leads to. */
export function OrderPage() {
  const { market = '', id = '' } = useParams();
  const location = useLocation();
  const order = useQuery(commerceQueries.order(id));

  if (order.isPending) return <Loading what="your order" />;
  if (isNotFound(order.error)) return <OrderNotFound market={market} />;
  if (order.isError) return <ErrorPanel error={order.error} />;
  // One address per order: the market in it is the order's own, as the header shows it.
  const own = order.data.market.toLowerCase();
  if (own !== market) return <Navigate replace to={`/${own}/orders/${id}${location.search}`} />;
  return <OrderView market={market} order={order.data} />;
}

function OrderView({ market, order }: { market: string; order: Order }) {
  const money = useMoney(order.market, order.currency);
  return (
    <section className="commerce" aria-labelledby="order-heading">
      <title>{`Order ${order.number} — Mi Store`}</title>
      <div className={`order-hero order-hero--${order.status}`}>
        <h1 id="order-heading">{HEADLINE[order.status]}</h1>
        {order.status === 'paid' ? (
          <p className="lede">
            We have sent a confirmation to <strong>{order.email}</strong>. Keep your order number to look the order up
            later.
          </p>
        ) : null}
        {order.status === 'pending_payment' ? (
          <p>
            <Link className="button button--primary" to={`/${market}/orders/${order.id}/pay`}>
              Pay now
            </Link>
          </p>
        ) : null}
      </div>
      <dl className="order-facts" aria-label="Order">
        <div>
          <dt>Order number</dt>
          <dd className="order-facts__number">{order.number}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <OrderStatusBadge status={order.status} />
          </dd>
        </div>
        <div>
          <dt>Placed</dt>
          <dd>{formatDateTime(order.createdAt)}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{order.email}</dd>
        </div>
      </dl>
      <div className="commerce__layout">
        <section className="summary" aria-labelledby="items-heading">
          <h2 id="items-heading">Items</h2>
          <OrderLines order={order} money={money} />
        </section>
        <section className="summary" aria-labelledby="delivery-heading">
          <h2 id="delivery-heading">Delivery</h2>
          <AddressBlock address={order.shippingAddress} />
          <p className="summary__note muted">{order.shippingMethod.name}</p>
        </section>
      </div>
      <p className="commerce__after">
        <Link to={`/${market}`}>Continue shopping</Link>
      </p>
    </section>
  );
}

export function OrderNotFound({ market }: { market: string }) {
  return (
    <section className="empty">
      <title>Order not found — Mi Store</title>
      <h1>Order not found</h1>
      <p>This link does not lead to an order. Find yours with its number and your email.</p>
      <Link className="button" to={`/${market}/orders/lookup`}>
        Find your order
      </Link>
    </section>
  );
}
