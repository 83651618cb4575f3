import { ChangeCache } from '../../platform/cache.js';
import type { ChangeFeed } from '../../platform/changes.js';
import { systemClock } from '../../platform/clock.js';
import { foreignKeyViolation, uniqueViolation } from '../../platform/database/errors.js';
import type { Database, Transaction } from '../../platform/database/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { marketIssues } from './market.js';
import type { Market, MarketInput, MarketPatch } from './schemas.js';
import { marketStore as store } from './store.js';

// Every cart, checkout and payment asks for its market, and markets change about as often as the
// catalog: they are read whole, kept in the process, and read again after a 'markets' change
// (this instance's own at once, another's through NOTIFY). The cached markets are frozen, since
// every caller shares them.

const ALL = 'all';

/**
 * What another module holds in a market's currency, which a change of that currency would strand
 * (e.g. "12 prices in USD"), or undefined when it holds nothing. Asked in the transaction that
 * changes the currency, with the market's row locked.
 */
export type CurrencyCheck = (tx: Transaction, market: string, currency: string) => Promise<string | undefined>;

/**
 * The records that keep a market from being deleted, by the foreign key that refuses it, and what
 * to do about them. Everything else of a market (carts, prices, listings, ...) goes with it.
 */
const KEPT_BY: Record<string, string> = {
  orders_market_code_markets_code_fk: 'has orders, which are kept as records of the sales made there',
  flash_sales_market_code_markets_code_fk: 'has flash sales, which are kept with the units they set aside',
};

export class MarketService {
  private readonly cache: ChangeCache<ReadonlyMap<string, Market>>;
  private readonly currencyChecks: CurrencyCheck[] = [];

  constructor(
    private readonly db: Database,
    private readonly changes: ChangeFeed,
  ) {
    // Markets never go stale by themselves: the clock does not matter.
    this.cache = new ChangeCache(changes, systemClock, ['markets']);
  }

  /** Every market, by code. */
  async list(): Promise<Market[]> {
    return [...(await this.all()).values()];
  }

  /** The market with this code (any case), or undefined. */
  async find(code: string): Promise<Market | undefined> {
    return (await this.all()).get(code.toUpperCase());
  }

  async get(code: string): Promise<Market> {
    const market = await this.find(code);
    if (!market) throw new NotFoundError(`No market "${code}"`);
    return market;
  }

  async create(input: MarketInput): Promise<Market> {
    const issues = marketIssues(input);
    if (issues.length > 0) throw new ValidationError(issues);
    const code = input.code.toUpperCase();
    let market: Market;
    try {
      market = await store.insert(this.db, { ...input, code });
    } catch (error) {
      if (uniqueViolation(error)) throw new ConflictError(`A market with code "${code}" exists`, 'code');
      throw error;
    }
    await this.changes.publish('markets');
    return market;
  }

  /**
   * Changes a market. Its currency may change only while no module holds amounts in the current
   * one (see onCurrencyChange): those would stop being shown, and nothing could be sold.
   */
  async update(code: string, patch: MarketPatch): Promise<Market> {
    const issues = marketIssues(patch);
    if (issues.length > 0) throw new ValidationError(issues);
    const market = await this.db.transaction(async (tx) => {
      // Locked, so that an amount set meanwhile in the old currency is either seen here or waits
      // and reads the new one (PricingService.set share-locks the row).
      const current = await store.lock(tx, code.toUpperCase(), 'update');
      if (!current) throw new NotFoundError(`No market "${code}"`);
      if (patch.currency !== undefined && patch.currency !== current.currency) {
        await this.refuseStrandedAmounts(tx, current, patch.currency);
      }
      return (await store.update(tx, current.code, patch))!;
    });
    await this.changes.publish('markets');
    return market;
  }

  /**
   * Lets a module refuse a change of a market's currency while it holds amounts in the current
   * one. The module registers itself, since the markets module cannot know its dependents.
   */
  onCurrencyChange(check: CurrencyCheck): void {
    this.currencyChecks.push(check);
  }

  /**
   * The market as stored now, share-locked until the caller's transaction ends: its currency
   * cannot change meanwhile, whatever the cache says. For writes of amounts in that currency.
   */
  async lockCurrency(tx: Transaction, code: string): Promise<Market | undefined> {
    return store.lock(tx, code.toUpperCase(), 'share');
  }

  /** Deletes a market and everything of it, unless orders or flash sales refer to it. */
  async delete(code: string): Promise<void> {
    const canonical = code.toUpperCase();
    try {
      if (!(await store.delete(this.db, canonical))) throw new NotFoundError(`No market "${code}"`);
    } catch (error) {
      const key = foreignKeyViolation(error);
      if (key) {
        const why = KEPT_BY[key] ?? `is still referred to (${key})`;
        throw new ConflictError(`Market "${canonical}" cannot be deleted: it ${why}`);
      }
      throw error;
    }
    await this.changes.publish('markets');
  }

  private async refuseStrandedAmounts(tx: Transaction, market: Market, next: string): Promise<void> {
    const held: string[] = [];
    for (const check of this.currencyChecks) {
      const what = await check(tx, market.code, market.currency);
      if (what) held.push(what);
    }
    if (held.length === 0) return;
    throw new ConflictError(
      `${market.code} has ${new Intl.ListFormat('en').format(held)}, which would no longer be right in ${next}; ` +
        `remove them (or let the sales end) first, change the currency, then set them again in ${next}`,
      'currency',
    );
  }

  private all(): Promise<ReadonlyMap<string, Market>> {
    return this.cache.get(ALL, async () => ({
      value: new Map((await store.list(this.db)).map((m) => [m.code, deepFreeze(m)])),
      expiresAt: null,
    }));
  }
}

function deepFreeze(market: Market): Market {
  Object.freeze(market.countries);
  Object.freeze(market.allowedRegions);
  return Object.freeze(market);
}
