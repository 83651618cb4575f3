import type { Market } from '../markets/index.js';
import type { Order } from '../orders/index.js';
import type { Email } from '../outbox/index.js';
import { formatMoney } from '../pricing/index.js';

// The emails checkout sends, as plain text in the market's locale and currency.

export function confirmation(order: Order, market: Market): Email {
  const m = (amount: number) => formatMoney(amount, order.currency, market.locale);
  const a = order.shippingAddress;
  const lines = order.lines.map((l) => `  ${l.quantity} × ${l.productName} (${l.variantName})  ${m(l.amount)}`);
  const tax = order.totals.taxIncluded ? `  Includes tax  ${m(order.totals.tax)}` : `  Tax  ${m(order.totals.tax)}`;
  return {
    kind: 'order-confirmation',
    to: order.email,
    subject: `Your order ${order.number} is confirmed`,
    about: { order: order.number },
    text: [
      `Thank you for your order ${order.number} from our ${market.name} store.`,
      '',
      ...lines,
      '',
      `  Subtotal  ${m(order.totals.subtotal)}`,
      `  Shipping (${order.shippingMethod.name})  ${m(order.totals.shipping)}`,
      tax,
      `  Total paid  ${m(order.totals.total)}`,
      '',
      'It goes to:',
      `  ${a.name}`,
      `  ${a.line1}${a.line2 ? `, ${a.line2}` : ''}`,
      `  ${a.city}${a.region ? `, ${a.region}` : ''} ${a.postalCode}`,
      `  ${a.country}`,
      '',
      `Look your order up any time with its number ${order.number} and this email address.`,
    ].join('\n'),
  };
}
