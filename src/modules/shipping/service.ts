import type { Database } from '../../platform/database/index.js';
import { type FieldIssue, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { Market, MarketService } from '../markets/index.js';
import { formatMoney, parseAmount, toDecimal } from '../pricing/index.js';
import { daysIssues, type ShippingMethod } from './method.js';
import type { ShippingMethodInput, ShippingMethodRecord, StoreShippingMethod } from './schemas.js';
import { type StoredMethod, shippingStore as store } from './store.js';

// The markets' shipping methods. Shoppers see the active ones in the market's currency; staff
// set them with decimal amounts checked against the currency's minor unit, like prices.

export class ShippingService {
  constructor(
    private readonly db: Database,
    private readonly markets: MarketService,
  ) {}

  /**
   * The methods a shopper may choose in the market (any case), cheapest first: active, and in the
   * market's currency. Throws NotFoundError for an unknown market.
   */
  async methodsFor(marketCode: string): Promise<ShippingMethod[]> {
    const market = await this.markets.get(marketCode);
    return offered(await store.list(this.db, market.code), market);
  }

  /** One method a shopper may choose, or undefined when the market offers none by that code. */
  async method(marketCode: string, code: string): Promise<ShippingMethod | undefined> {
    return (await this.methodsFor(marketCode)).find((m) => m.code === code);
  }

  /** The store API's answer: the methods with their charges formatted in the market's locale. */
  async storeMethods(marketCode: string): Promise<{ market: string; methods: StoreShippingMethod[] }> {
    const market = await this.markets.get(marketCode);
    const methods = offered(await store.list(this.db, market.code), market);
    return {
      market: market.code,
      methods: methods.map((m) => ({
        code: m.code,
        name: m.name,
        amount: m.amount,
        currency: m.currency,
        formatted: formatMoney(m.amount, m.currency, market.locale),
        freeAbove: m.freeAbove,
        freeAboveFormatted: m.freeAbove === null ? null : formatMoney(m.freeAbove, m.currency, market.locale),
        minDays: m.minDays,
        maxDays: m.maxDays,
      })),
    };
  }

  /** Every method of the market, active or not, for staff. */
  async list(marketCode: string): Promise<ShippingMethodRecord[]> {
    const market = await this.markets.get(marketCode);
    return (await store.list(this.db, market.code)).map((m) => record(m, market));
  }

  /** Creates or replaces the market's method with this code. */
  async set(marketCode: string, code: string, input: ShippingMethodInput): Promise<ShippingMethodRecord> {
    const market = await this.markets.get(marketCode);
    const issues: FieldIssue[] = [];
    if (input.currency !== undefined && input.currency !== market.currency) {
      issues.push({
        field: 'currency',
        message: `${market.name} charges in ${market.currency}, not ${input.currency}`,
      });
    }
    const amountOf = (field: 'amount' | 'freeAbove', text: string): number => {
      try {
        return parseAmount(text, market.currency);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        issues.push({ field, message: error.message });
        return 0;
      }
    };
    const amount = amountOf('amount', input.amount);
    const freeAbove = input.freeAbove == null ? null : amountOf('freeAbove', input.freeAbove);
    const days = { minDays: input.minDays ?? null, maxDays: input.maxDays ?? null };
    issues.push(...daysIssues(days));
    if (issues.length > 0) throw new ValidationError(issues);
    const method = await store.upsert(this.db, {
      marketCode: market.code,
      code,
      name: input.name,
      currency: market.currency,
      amount,
      freeAbove,
      ...days,
      active: input.active ?? true,
    });
    return record(method, market);
  }

  async delete(marketCode: string, code: string): Promise<void> {
    const market = await this.markets.get(marketCode);
    if (!(await store.delete(this.db, market.code, code))) {
      throw new NotFoundError(`No shipping method "${code}" in ${market.code}`);
    }
  }
}

function offered(methods: StoredMethod[], market: Market): ShippingMethod[] {
  return methods
    .filter((m) => m.active && m.currency === market.currency)
    .map(({ createdAt: _c, updatedAt: _u, ...method }) => method);
}

function record(m: StoredMethod, market: Market): ShippingMethodRecord {
  return {
    market: m.market,
    code: m.code,
    name: m.name,
    currency: m.currency,
    amount: m.amount,
    decimal: toDecimal(m.amount, m.currency),
    formatted: formatMoney(m.amount, m.currency, market.locale),
    freeAbove: m.freeAbove,
    freeAboveDecimal: m.freeAbove === null ? null : toDecimal(m.freeAbove, m.currency),
    minDays: m.minDays,
    maxDays: m.maxDays,
    active: m.active,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
