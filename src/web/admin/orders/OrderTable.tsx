import { Link } from 'react-router';
import { formatDate, formatTime, plural } from '../../format';
import type { Order } from './api';
import { useOrderMoney } from './money';
import { StaffStatusBadge } from './StaffStatusBadge';

export function OrderTable({ orders, linkTo }: { orders: Order[]; linkTo: (id: string) => string }) {
  const money = useOrderMoney();
  return (
    <div className="table-wrap">
      <table className="table table--orders" aria-label="Orders">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">Market</th>
            <th scope="col">Customer</th>
            <th scope="col">Items</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id}>
              <th scope="row">
                <Link to={linkTo(order.id)} className="order-number">
                  {order.number}
                </Link>
              </th>
              <td>
                <time dateTime={order.createdAt}>
                  {formatDate(order.createdAt)}
                  <span className="cell__sub muted">{formatTime(order.createdAt)}</span>
                </time>
              </td>
              <td>{order.market}</td>
              <td>
                {order.shippingAddress.name}
                <span className="cell__sub muted">{order.email}</span>
              </td>
              <td>
                {plural(
                  order.lines.reduce((n, line) => n + line.quantity, 0),
                  'item',
                )}
              </td>
              <td>
                <StaffStatusBadge status={order.status} />
              </td>
              <td className="num">{money(order.totals.total, order)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
