import { ChangeCache } from '../../platform/cache.js';
import type { ChangeFeed } from '../../platform/changes.js';
import { systemClock } from '../../platform/clock.js';
import type { Database } from '../../platform/database/index.js';
import { type FieldIssue, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { Market, MarketService } from '../markets/index.js';
import { formatMoney, parseAmount, toDecimal } from '../pricing/index.js';
import { daysIssues, type ShippingMethod } from './method.js';
import type { ShippingMethodInput, ShippingMethodRecord, StoreShippingMethod } from './schemas.js';
import { type StoredMethod, shippingStore as store } from './store.js';

// The markets' shipping methods. Shoppers see the active ones in the market's currency; staff
// set them with decimal amounts checked against the currency's minor unit, like prices.
//
// Every checkout asks for its market's methods: what shoppers see is kept in the process per
// market. A market's methods are part of its settings, so changing them publishes a 'markets'
// change, which drops them here and in every other instance (NOTIFY), with the markets.

export class ShippingService {
  private readonly offeredIn: ChangeCache<StoredMethod[]>;

  constructor(
    private readonly db: Database,
    private readonly changes: ChangeFeed,
    private readonly markets: MarketService,
  ) {
    // Methods never go stale by themselves: the clock does not matter.
    this.offeredIn = new ChangeCache(changes, systemClock, ['markets']);
    // A method keeps the currency it was set in and is offered only in that one: a market changing
    // currency under its methods would have no way left to deliver.
    markets.onCurrencyChange(async (tx, market, currency) => {
      const n = await store.countIn(tx, market, currency);
      return n > 0 ? `${n} shipping ${n === 1 ? 'method' : 'methods'} charging in ${currency}` : undefined;
    });
  }

  /**
   * The methods a shopper may choose in the market (any case), cheapest first: active, and in the
   * market's currency. Throws NotFoundError for an unknown market.
   */
  async methodsFor(marketCode: string): Promise<ShippingMethod[]> {
    const market = await this.markets.get(marketCode);
    return offered(await this.stored(market.code), market);
  }

  /** One method a shopper may choose, or undefined when the market offers none by that code. */
  async method(marketCode: string, code: string): Promise<ShippingMethod | undefined> {
    return (await this.methodsFor(marketCode)).find((m) => m.code === code);
  }

  /** The store API's answer: the methods with their charges formatted in the market's locale. */
  async storeMethods(marketCode: string): Promise<{ market: string; methods: StoreShippingMethod[] }> {
    const market = await this.markets.get(marketCode);
    const methods = offered(await this.stored(market.code), market);
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
    await this.changes.publish('markets');
    return record(method, market);
  }

  async delete(marketCode: string, code: string): Promise<void> {
    const market = await this.markets.get(marketCode);
    if (!(await store.delete(this.db, market.code, code))) {
      throw new NotFoundError(`No shipping method "${code}" in ${market.code}`);
    }
    await this.changes.publish('markets');
  }

  /** The market's methods as stored, from the cache. */
  private stored(marketCode: string): Promise<StoredMethod[]> {
    return this.offeredIn.get(marketCode, async () => ({
      value: await store.list(this.db, marketCode),
      expiresAt: null,
    }));
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
