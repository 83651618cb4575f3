import { formatDateTime, humanize } from '../../format';
import type { OrderEvent } from './api';

const ACTIONS: Record<string, string> = {
  place: 'Placed',
  pay: 'Paid',
  fulfil: 'Fulfilled (shipped)',
  deliver: 'Delivered',
  cancel: 'Cancelled',
  refund: 'Refunded',
};

/** What happened to the order, oldest first, and who did it: the shopper, staff, the clock or the provider. */
export function OrderHistory({ events, money }: { events: OrderEvent[]; money: (amount: number) => string }) {
  return (
    <section className="panel" aria-labelledby="order-history-heading">
      <h3 id="order-history-heading">History</h3>
      <div className="table-wrap">
        <table className="table" aria-label="Order history">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">By</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={`${event.at}:${event.action}:${event.to}`}>
                <td>
                  <time dateTime={event.at}>{formatDateTime(event.at, 'seconds')}</time>
                </td>
                <td>{ACTIONS[event.action] ?? humanize(event.action)}</td>
                <td className="nowrap">
                  {event.from && event.from !== event.to ? `${humanize(event.from)} → ` : null}
                  {humanize(event.to)}
                </td>
                <td>{event.actor}</td>
                <td>{details(event, money) ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function details(event: OrderEvent, money: (amount: number) => string): string | null {
  const { amount, payment } = event.details;
  if (typeof amount === 'number') return money(amount);
  if (payment?.card) return `${money(payment.amount)} by card ending ${payment.card.last4}`;
  return null;
}
