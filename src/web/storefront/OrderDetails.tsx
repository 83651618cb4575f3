import type { Order, OrderStatus, ShippingAddress } from './api';
import { orderRows, Totals } from './Totals';
import './commerce.css';

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** An order's status as shoppers are told it. */
export const STATUS_TEXT: Record<OrderStatus, string> = {
  pending_payment: 'Awaiting payment',
  paid: 'Paid',
  fulfilled: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const tone = status === 'cancelled' ? 'bad' : status === 'pending_payment' || status === 'refunded' ? 'warn' : 'on';
  return <span className={`badge badge--${tone}`}>{STATUS_TEXT[status]}</span>;
}

export function AddressBlock({ address }: { address: ShippingAddress }) {
  return (
    <address className="address">
      {address.name}
      <br />
      {address.line1}
      {address.line2 ? (
        <>
          <br />
          {address.line2}
        </>
      ) : null}
      <br />
      {[address.city, [address.region, address.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ')}
      <br />
      {countryNames.of(address.country) ?? address.country}
    </address>
  );
}

/** What was ordered and what it came to. */
export function OrderLines({ order, money }: { order: Order; money: (amount: number) => string }) {
  return (
    <>
      <ul className="summary__lines" aria-label="Items">
        {order.lines.map((line) => (
          <li key={line.sku} className="summary__line">
            <span>
              {line.productName}
              <span className="summary__variant muted">{line.variantName}</span>
            </span>
            <span className="summary__quantity muted">× {line.quantity}</span>
            <span className="summary__amount">{money(line.amount)}</span>
          </li>
        ))}
      </ul>
      <Totals rows={orderRows(order, money)} />
    </>
  );
}
