import type { Clock } from '../../platform/clock.js';
import { type FieldIssue, ValidationError } from '../../platform/errors.js';
import type { Market, MarketService } from '../markets/index.js';
import { formatRate, money, multiply, type Price, type PricingService, sum } from '../pricing/index.js';
import {
  addressIssues,
  normalizeAddress,
  type ShippingAddress,
  type ShippingMethod,
  type ShippingService,
  shippingCost,
} from '../shipping/index.js';
import type { TaxProvider, TaxQuote } from '../tax/index.js';
import type { Quote, QuoteRequest } from './schemas.js';

// What a basket costs delivered to an address in a market, now: the prices in force, the shipping
// method's charge, and the tax of the destination from the tax provider. Composes the pricing,
// shipping and tax modules the way checkout will; it stores nothing and reserves nothing, and
// leaves the sellability re-check to checkout.

export interface Costing {
  lines: Array<{ sku: string; quantity: number; unit: number; total: number; tax: number }>;
  subtotal: number;
  method: ShippingMethod | undefined;
  shippingAmount: number;
  address: ShippingAddress;
  tax: TaxQuote;
  total: number;
}

export class QuoteService {
  constructor(
    private readonly clock: Clock,
    private readonly markets: MarketService,
    private readonly pricing: PricingService,
    private readonly shipping: ShippingService,
    private readonly tax: TaxProvider,
  ) {}

  async quote(marketCode: string, request: QuoteRequest): Promise<Quote> {
    const market = await this.markets.get(marketCode);
    const { lines, subtotal, method, shippingAmount, tax, total } = await this.cost(market, request);
    const m = (amount: number) => money(amount, market.currency, market.locale);
    return {
      market: market.code,
      currency: market.currency,
      pricesIncludeTax: tax.pricesIncludeTax,
      lines: lines.map((l) => ({
        sku: l.sku,
        quantity: l.quantity,
        unitPrice: m(l.unit),
        total: m(l.total),
        tax: m(l.tax),
      })),
      subtotal: m(subtotal),
      shipping: method
        ? { method: method.code, name: method.name, amount: m(shippingAmount), tax: m(tax.shippingTax) }
        : null,
      tax: {
        amount: m(tax.totalTax),
        included: tax.pricesIncludeTax,
        rates: tax.rates.map((r) => ({
          jurisdiction: r.jurisdiction,
          label: r.label,
          rate: formatRate(r.rate),
          amount: m(r.amount),
        })),
      },
      total: m(total),
    };
  }

  /**
   * The same in plain minor units, for checkout to store on the order: one computation of what
   * an order costs, whether it is shown as a quote or placed. 400 naming each field at fault.
   * `known`: the instant, and the prices in force then when the caller has read them already.
   */
  async cost(
    market: Market,
    request: QuoteRequest,
    known: { at?: Date; prices?: Map<string, Price> } = {},
  ): Promise<Costing> {
    const issues: FieldIssue[] = addressIssues(request.shippingAddress, market);
    const address = normalizeAddress(request.shippingAddress);

    const skus = request.lines.map((l) => l.sku);
    // Checkout has just read the prices in force, with the verdicts; they are not read twice.
    const prices = known.prices ?? (await this.pricing.priceBook(market, skus, known.at ?? this.clock.now())).prices;
    request.lines.forEach((line, i) => {
      if (skus.indexOf(line.sku) !== i) {
        issues.push({ field: `lines.${i}.sku`, message: `${line.sku} is already line ${skus.indexOf(line.sku)}` });
      } else if (!prices.has(line.sku)) {
        issues.push({ field: `lines.${i}.sku`, message: `${line.sku} is not for sale in ${market.name}` });
      }
    });
    const methods = request.shippingMethod === undefined ? [] : await this.shipping.methodsFor(market.code);
    const method = methods.find((m) => m.code === request.shippingMethod);
    if (request.shippingMethod !== undefined && !method) {
      const codes = methods.map((m) => m.code).join(', ') || 'none';
      issues.push({
        field: 'shippingMethod',
        message: `${market.name} has no shipping method "${request.shippingMethod}" (it has: ${codes})`,
      });
    }
    if (issues.length > 0) throw new ValidationError(issues);

    const lines = request.lines.map((line) => {
      const unit = prices.get(line.sku)!.amount;
      return { sku: line.sku, quantity: line.quantity, unit, total: multiply(unit, line.quantity) };
    });
    const subtotal = sum(lines.map((l) => l.total));
    const shippingAmount = method ? shippingCost(method, subtotal) : 0;
    const tax = await this.tax.quote({
      market,
      address,
      lines: lines.map((l) => ({ id: l.sku, amount: l.total, quantity: l.quantity })),
      shipping: shippingAmount,
    });

    const taxOf = new Map(tax.lines.map((l) => [l.id, l.tax]));
    return {
      lines: lines.map((l) => ({ ...l, tax: taxOf.get(l.sku) ?? 0 })),
      subtotal,
      method,
      shippingAmount,
      address,
      tax,
      total: sum([subtotal, shippingAmount, tax.pricesIncludeTax ? 0 : tax.totalTax]),
    };
  }
}
