import type { Rate } from '../pricing/index.js';

// The seam where tax is computed. Checkout asks a TaxProvider for a quote and never computes tax
// itself, so a tax service (Avalara, Vertex, Stripe Tax, TaxJar, ...) replaces the built-in
// provider by implementing this interface and being passed to createServices (src/app.ts).
// docs/TAX.md says what the built-in provider covers and what it does not.

/** A line of the order: its total in minor units of the market's currency. */
export interface TaxLine {
  /** The caller's id for the line (a cart line id, or the SKU); the quote answers per id. */
  id: string;
  /** The line total (unit price x quantity, after discounts), in minor units. */
  amount: number;
  quantity: number;
  /** Product tax code for providers that know reduced rates; the built-in provider ignores it. */
  taxCategory?: string | undefined;
}

export interface TaxRequest {
  market: {
    code: string;
    currency: string;
    /** inclusive: line amounts and shipping already contain the tax; exclusive: tax is added. */
    taxMode: 'inclusive' | 'exclusive';
    countries: string[];
  };
  /** Where the goods go: the destination decides the tax (EU OSS, US and Canadian destination sourcing). */
  address: {
    country: string;
    /** US state, Canadian province or territory (ISO 3166-2 subdivision without the country). */
    region?: string | undefined;
    postalCode?: string | undefined;
  };
  lines: TaxLine[];
  /** The shipping charge in minor units (0 when free). */
  shipping: number;
}

/** One tax rate that applied, with what was collected under it. */
export interface AppliedRate {
  /** Where it applies: "DE", "US-CA", "CA-QC". */
  jurisdiction: string;
  /** "VAT", "CA sales tax", "GST", "QST". */
  name: string;
  /** Parts per million: 72_500 is 7.25%. */
  rate: Rate;
  /** "CA sales tax 7.25%", "VAT 20% (included)". */
  label: string;
  /** Tax under this rate over all lines and shipping, in minor units. */
  amount: number;
}

export interface TaxQuote {
  currency: string;
  /** true: the tax below is contained in the amounts (inclusive market); false: it is added to them. */
  pricesIncludeTax: boolean;
  /** Tax per line, in the request's order. */
  lines: Array<{ id: string; tax: number }>;
  shippingTax: number;
  /** Lines plus shipping. */
  totalTax: number;
  rates: AppliedRate[];
}

export interface TaxProvider {
  /** Names the provider in logs and on orders ("built-in", "avalara"). */
  readonly name: string;
  /**
   * Tax for an order delivered to an address. Throws ValidationError naming
   * `shippingAddress.country` or `shippingAddress.region` when it cannot tax that destination.
   */
  quote(request: TaxRequest): Promise<TaxQuote>;
}
