import './commerce.css';
import type { CartTotals, Order, Quote, TaxLine } from './api';

// What a cart, a quote or an order comes to, as one list of labelled amounts. Tax is shown the way
// the market charges it: added on top (US, Canada) once the address is known, or contained in the
// prices (VAT, GST) and named as such.

export interface TotalsRow {
  label: string;
  value: string;
  /** A note on an amount that is not added (VAT inside the prices), or a total. */
  kind?: 'note' | 'total';
}

export function Totals({ rows, label = 'Totals' }: { rows: TotalsRow[]; label?: string }) {
  return (
    <dl className="totals" aria-label={label}>
      {rows.map((row) => (
        <div key={row.label} className={row.kind ? `totals__row totals__row--${row.kind}` : 'totals__row'}>
          <dt>{row.label}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "VAT 13% (included)" -> "Includes VAT 13%". */
const included = (label: string) => `Includes ${label.replace(/\s*\(included\)$/, '')}`;

function taxRows(lines: TaxLine[], taxIncluded: boolean, money: (amount: number) => string): TotalsRow[] {
  return lines.map((line) =>
    taxIncluded
      ? { label: included(line.label), value: money(line.amount), kind: 'note' }
      : { label: line.label, value: money(line.amount) },
  );
}

const LATER = 'Calculated at checkout';

/** `later` is what a total not known yet says ("Calculated at checkout"). */
export function cartRows(totals: CartTotals, money: (amount: number) => string, later = LATER): TotalsRow[] {
  const rows: TotalsRow[] = [{ label: 'Subtotal', value: money(totals.subtotal) }];
  if (totals.discount > 0) rows.push({ label: 'Discount', value: `−${money(totals.discount)}` });
  rows.push({ label: 'Shipping', value: totals.shipping === null ? later : money(totals.shipping) });
  if (!totals.taxIncluded && totals.tax === null) rows.push({ label: 'Tax', value: later });
  else if (!totals.taxIncluded) rows.push(...taxRows(totals.taxLines, false, money));
  rows.push({ label: 'Total', value: money(totals.total), kind: 'total' });
  if (totals.taxIncluded) rows.push(...taxRows(totals.taxLines, true, money));
  return rows;
}

export function orderRows(order: Order, money: (amount: number) => string): TotalsRow[] {
  const { totals } = order;
  const rows: TotalsRow[] = [{ label: 'Subtotal', value: money(totals.subtotal) }];
  if (totals.discount > 0) rows.push({ label: 'Discount', value: `−${money(totals.discount)}` });
  rows.push({
    label: `Shipping (${order.shippingMethod.name})`,
    value: totals.shipping === 0 ? 'Free' : money(totals.shipping),
  });
  if (!totals.taxIncluded) rows.push(...taxRows(totals.taxLines, false, money));
  rows.push({ label: 'Total', value: money(totals.total), kind: 'total' });
  if (totals.taxIncluded) rows.push(...taxRows(totals.taxLines, true, money));
  if (totals.refunded > 0) rows.push({ label: 'Refunded', value: money(totals.refunded), kind: 'note' });
  return rows;
}

/** A quote carries its own formatted amounts. */
export function quoteRows(quote: Quote): TotalsRow[] {
  const rows: TotalsRow[] = [{ label: 'Subtotal', value: quote.subtotal.formatted }];
  if (quote.shipping) {
    rows.push({
      label: `Shipping (${quote.shipping.name})`,
      value: quote.shipping.amount.amount === 0 ? 'Free' : quote.shipping.amount.formatted,
    });
  }
  const taxes = quote.tax.rates.map(
    (rate): TotalsRow =>
      quote.tax.included
        ? { label: included(rate.label), value: rate.amount.formatted, kind: 'note' }
        : { label: rate.label, value: rate.amount.formatted },
  );
  if (!quote.tax.included)
    rows.push(...(taxes.length > 0 ? taxes : [{ label: 'Tax', value: quote.tax.amount.formatted }]));
  rows.push({ label: 'Total', value: quote.total.formatted, kind: 'total' });
  if (quote.tax.included) rows.push(...taxes);
  return rows;
}
