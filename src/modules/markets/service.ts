import { ChangeCache } from '../../platform/cache.js';
import type { ChangeFeed } from '../../platform/changes.js';
import { systemClock } from '../../platform/clock.js';
import { uniqueViolation } from '../../platform/database/errors.js';
import type { Database } from '../../platform/database/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { marketIssues } from './market.js';
import type { Market, MarketInput, MarketPatch } from './schemas.js';
import { marketStore as store } from './store.js';

// Every cart, checkout and payment asks for its market, and markets change about as often as the
// catalog: they are read whole, kept in the process, and read again after a 'markets' change
// (this instance's own at once, another's through NOTIFY). The cached markets are frozen, since
// every caller shares them.

const ALL = 'all';

export class MarketService {
  private readonly cache: ChangeCache<ReadonlyMap<string, Market>>;

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

  async update(code: string, patch: MarketPatch): Promise<Market> {
    const issues = marketIssues(patch);
    if (issues.length > 0) throw new ValidationError(issues);
    const market = await store.update(this.db, code.toUpperCase(), patch);
    if (!market) throw new NotFoundError(`No market "${code}"`);
    await this.changes.publish('markets');
    return market;
  }

  async delete(code: string): Promise<void> {
    if (!(await store.delete(this.db, code.toUpperCase()))) throw new NotFoundError(`No market "${code}"`);
    await this.changes.publish('markets');
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
