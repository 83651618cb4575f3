import { formatDateTime, humanize } from '../../format';
import type { PaymentRecord } from './api';

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

/** Every attempt to pay, declined ones too: only the card's brand and last four digits are ever kept. */
export function OrderPayments({ payments, money }: { payments: PaymentRecord[]; money: (amount: number) => string }) {
  return (
    <section className="panel" aria-labelledby="order-payments-heading">
      <h3 id="order-payments-heading">Payments</h3>
      {payments.length === 0 ? (
        <p className="muted">No payment has been tried yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Payments">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Card</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Refunded
                </th>
                <th scope="col">Provider</th>
              </tr>
            </thead>
            <tbody>
              {payments.map((payment) => (
                <tr key={payment.id}>
                  <td>
                    <time dateTime={payment.createdAt}>{formatDateTime(payment.createdAt, 'seconds')}</time>
                  </td>
                  <td>
                    {payment.card ? (
                      <span className="nowrap">
                        {BRANDS[payment.card.brand] ?? humanize(payment.card.brand)} ···· {payment.card.last4}
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    <span
                      className={`badge badge--${payment.status === 'captured' ? 'on' : payment.status === 'declined' ? 'bad' : 'off'}`}
                    >
                      {humanize(payment.status)}
                    </span>
                    {payment.message && payment.status !== 'captured' ? (
                      <span className="cell__sub muted">
                        {payment.message}
                        {payment.declineCode ? ` (${payment.declineCode})` : null}
                      </span>
                    ) : null}
                  </td>
                  <td className="num">{money(payment.amount)}</td>
                  <td className="num">{payment.refunded > 0 ? money(payment.refunded) : '—'}</td>
                  <td>
                    <code>{payment.provider}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
