import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useParams } from 'react-router';
import { isNotFound } from '../api';
import { ErrorPanel, Loading } from '../components/Status';
import { useMoney } from '../money';
import { commerceQueries, type Order } from './api';
import { CardForm } from './CardForm';
import { AddressBlock, OrderLines } from './OrderDetails';
import { OrderNotFound } from './OrderPage';
import './commerce.css';

/** The payment step of an order placed at checkout; an order that takes no payment shows itself instead. */
export function PaymentPage() {
  const { market = '', id = '' } = useParams();
  const order = useQuery(commerceQueries.order(id));

  if (order.isPending) return <Loading what="your order" />;
  if (isNotFound(order.error)) return <OrderNotFound market={market} />;
  if (order.isError) return <ErrorPanel error={order.error} />;
  // One address per order: the market in it is the order's own, as the header shows it.
  const own = order.data.market.toLowerCase();
  if (order.data.status !== 'pending_payment') return <Navigate replace to={`/${own}/orders/${id}`} />;
  if (own !== market) return <Navigate replace to={`/${own}/orders/${id}/pay`} />;
  return <Payment market={market} order={order.data} />;
}

function Payment({ market, order }: { market: string; order: Order }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const money = useMoney(market, order.currency);
  const { queryKey } = commerceQueries.order(order.id);
  const heldUntil = order.holdUntil
    ? new Date(order.holdUntil).toLocaleTimeString(undefined, { timeStyle: 'short' })
    : null;

  return (
    <section className="commerce" aria-labelledby="payment-heading">
      <title>{`Payment for order ${order.number} — Mi Store`}</title>
      <h1 id="payment-heading">Payment</h1>
      <p className="lede">
        Order <strong>{order.number}</strong> is placed.
        {heldUntil ? ` We hold your items until ${heldUntil}: pay before then to complete it.` : null}
      </p>
      <div className="commerce__layout">
        <CardForm
          order={order}
          total={money(order.totals.total)}
          onPaid={async (paid) => {
            queryClient.setQueryData(queryKey, paid);
            await navigate(`/${market}/orders/${paid.id}`);
          }}
          onDeclined={(open) => queryClient.setQueryData(queryKey, open)}
          onConflict={() => queryClient.invalidateQueries({ queryKey })}
        />
        <aside className="summary" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Your order</h2>
          <OrderLines order={order} money={money} />
          <h3 className="summary__subheading">Delivering to</h3>
          <AddressBlock address={order.shippingAddress} />
          <p className="summary__note muted">{order.shippingMethod.name}</p>
        </aside>
      </div>
    </section>
  );
}
