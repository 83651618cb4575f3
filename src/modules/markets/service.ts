import type { ChangeFeed } from '../../platform/changes.js';
import { uniqueViolation } from '../../platform/database/errors.js';
import type { Database } from '../../platform/database/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { marketIssues } from './market.js';
import type { Market, MarketInput, MarketPatch } from './schemas.js';
import { marketStore as store } from './store.js';

export class MarketService {
  constructor(
    private readonly db: Database,
    private readonly changes: ChangeFeed,
  ) {}

  list(): Promise<Market[]> {
    return store.list(this.db);
  }

  /** The market with this code (any case), or undefined. */
  find(code: string): Promise<Market | undefined> {
    return store.find(this.db, code.toUpperCase());
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
}
