import { allocate, formatRate, includedTax, percentOf, type Rate, sum } from '../pricing/index.js';
import type { AppliedRate, TaxLine, TaxQuote } from './provider.js';

// Pure: tax on an order's lines and shipping in one jurisdiction, in integer minor units.
//
// - Exclusive (US, Canada): each rate is applied to each line's net amount and rounded per line
//   (half up, see pricing/money.ts); the order's tax is the sum of the lines'. Rounding per line
//   is what the US Streamlined agreement allows (item or invoice level) and keeps a line's tax
//   the same whatever else is in the cart, so a partial refund returns exactly that line's tax.
//   Several rates (GST + PST, GST + QST) are each computed on the net amount: no tax on tax
//   (Quebec has not taxed the GST since 2013).
// - Inclusive (VAT/GST countries): the amount is the gross; the tax contained in it is
//   gross x rate / (1 + rate), rounded per line, and net = gross - tax exactly. With several rates
//   the contained tax is computed at their sum and split between them in proportion to the rates.
// - Shipping is taxed like a line of goods where the jurisdiction taxes delivery charges, and not
//   at all where it does not (US states that exempt separately stated delivery by carrier).

export interface TaxComponent {
  /** "VAT", "CA sales tax", "GST", "PST". */
  name: string;
  rate: Rate;
}

export interface Jurisdiction {
  /** "DE", "US-CA", "CA-BC". */
  code: string;
  components: TaxComponent[];
  /** Whether a separately stated delivery charge is taxed like the goods. */
  shippingTaxable: boolean;
}

/** The tax of one amount under each component, in component order. */
function taxParts(amount: number, components: readonly TaxComponent[], inclusive: boolean): number[] {
  if (components.length === 0) return [];
  if (!inclusive) return components.map((c) => percentOf(amount, c.rate));
  const combined = components.reduce((total, c) => total + c.rate, 0);
  return allocate(
    includedTax(amount, combined),
    components.map((c) => c.rate),
  );
}

export function label(component: TaxComponent, inclusive: boolean): string {
  return `${component.name} ${formatRate(component.rate)}%${inclusive ? ' (included)' : ''}`;
}

/** The tax quote for lines and shipping delivered into one jurisdiction. */
export function computeTax(
  jurisdiction: Jurisdiction,
  mode: 'inclusive' | 'exclusive',
  currency: string,
  lines: readonly TaxLine[],
  shipping: number,
): TaxQuote {
  const inclusive = mode === 'inclusive';
  const { components } = jurisdiction;
  const perComponent = components.map(() => [] as number[]);
  const collect = (parts: number[]) => {
    parts.forEach((part, i) => {
      perComponent[i]!.push(part);
    });
    return sum(parts);
  };

  const lineTaxes = lines.map((line) => ({ id: line.id, tax: collect(taxParts(line.amount, components, inclusive)) }));
  const shippingTax = jurisdiction.shippingTaxable ? collect(taxParts(shipping, components, inclusive)) : 0;
  const rates: AppliedRate[] = components.map((component, i) => ({
    jurisdiction: jurisdiction.code,
    name: component.name,
    rate: component.rate,
    label: label(component, inclusive),
    amount: sum(perComponent[i]!),
  }));
  return {
    currency,
    pricesIncludeTax: inclusive,
    lines: lineTaxes,
    shippingTax,
    totalTax: sum([...lineTaxes.map((l) => l.tax), shippingTax]),
    rates,
  };
}
