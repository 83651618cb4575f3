import type { ChangeFeed } from '../../platform/changes.js';
import type { Clock } from '../../platform/clock.js';
import { foreignKeyViolation } from '../../platform/database/errors.js';
import type { Database } from '../../platform/database/index.js';
import { ConflictError, type FieldIssue, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { Market, MarketService } from '../markets/index.js';
import { formatMoney, parseAmount, toDecimal } from './money.js';
import { entryInForce, nextPriceChange, type Price, pricesInForce, windowIssues } from './price.js';
import type { PriceFilter, PriceInput, PriceRecord } from './schemas.js';
import { type StoredPrice, pricingStore as store } from './store.js';

// Prices per variant and market. Reads answer the price in force at an instant; writes are
// checked against the market's currency and its minor unit, and publish a 'prices' change so
// the storefront's cached listings drop.

export class PricingService {
  constructor(
    private readonly db: Database,
    private readonly changes: ChangeFeed,
    private readonly clock: Clock,
    private readonly markets: MarketService,
  ) {
    // A price keeps the currency it was set in, and one in another currency is never shown: a
    // market changing currency under its prices would have nothing left to sell.
    markets.onCurrencyChange(async (tx, market, currency) => {
      const n = await store.countIn(tx, market, currency);
      return n > 0 ? `${n} ${n === 1 ? 'price' : 'prices'} in ${currency}` : undefined;
    });
  }

  /**
   * The price in force at `at` for each SKU in the market (any case), in the market's currency.
   * SKUs without one are absent from the map: they are not purchasable there. Throws NotFoundError
   * for an unknown market.
   */
  async pricesFor(marketCode: string, skus: string[], at: Date): Promise<Map<string, Price>> {
    const market = await this.markets.get(marketCode);
    return (await this.priceBook(market, skus, at)).prices;
  }

  /**
   * For a market already at hand (the storefront's listing): the prices in force at `at`, and the
   * next instant that answer changes by itself (a window opening or closing). One query.
   */
  async priceBook(
    market: Pick<Market, 'code' | 'currency'>,
    skus: string[],
    at: Date,
  ): Promise<{ prices: Map<string, Price>; nextChange: Date | null }> {
    // A price set before the market changed its currency is kept but never shown.
    const entries = await store.entries(this.db, market.code, market.currency, [...new Set(skus)]);
    return { prices: pricesInForce(entries, at), nextChange: nextPriceChange(entries, at) };
  }

  async list(filter: PriceFilter = {}): Promise<PriceRecord[]> {
    const marketCode = filter.market?.toUpperCase();
    const markets = new Map((await this.markets.list()).map((m) => [m.code, m]));
    if (marketCode !== undefined && !markets.has(marketCode)) {
      throw ValidationError.field('market', `unknown market "${filter.market}"; GET /api/admin/markets lists them`);
    }
    const rows = await store.list(this.db, { marketCode, sku: filter.sku });
    return records(rows, markets, this.clock.now());
  }

  /**
   * Sets the price of a variant in a market: the base price, or the dated one starting at
   * validFrom. Setting it again replaces it.
   */
  async set(marketCode: string, sku: string, input: PriceInput): Promise<PriceRecord> {
    const market = await this.markets.get(marketCode);
    const issues: FieldIssue[] = [];
    if (input.currency !== undefined && input.currency !== market.currency) {
      issues.push({
        field: 'currency',
        message: `${market.name} prices in ${market.currency}; a price in ${input.currency} cannot be set there`,
      });
    }
    let amount = 0;
    try {
      amount = parseAmount(input.amount, market.currency);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      issues.push({ field: 'amount', message: error.message });
    }
    const validFrom = input.validFrom ? new Date(input.validFrom) : null;
    const validUntil = input.validUntil ? new Date(input.validUntil) : null;
    issues.push(...windowIssues({ validFrom, validUntil }));
    if (issues.length > 0) throw new ValidationError(issues);

    try {
      await this.db.transaction(async (tx) => {
        // The amount was read in the cached market's currency; the stored one may have changed.
        const current = await this.markets.lockCurrency(tx, market.code);
        if (!current) throw new NotFoundError(`No market "${marketCode}"`);
        if (current.currency !== market.currency) {
          throw new ConflictError(
            `${market.code} now prices in ${current.currency}, not ${market.currency}; set the price again`,
            'currency',
          );
        }
        await store.upsert(tx, {
          marketCode: market.code,
          sku,
          currency: market.currency,
          amount,
          validFrom,
          validUntil,
        });
      });
    } catch (error) {
      const key = foreignKeyViolation(error);
      if (key?.includes('market')) throw new NotFoundError(`No market "${marketCode}"`);
      if (key) throw new NotFoundError(`No variant with SKU "${sku}"`);
      throw error;
    }
    await this.changes.publish('prices');
    const all = await store.list(this.db, { marketCode: market.code, sku });
    const mine = records(all, new Map([[market.code, market]]), this.clock.now()).find(
      (r) => (r.validFrom ?? null) === (validFrom?.toISOString() ?? null),
    );
    return mine!;
  }

  /** Deletes the base price, or the dated price that starts at validFrom. */
  async delete(marketCode: string, sku: string, validFrom?: string): Promise<void> {
    const market = await this.markets.get(marketCode);
    const start = validFrom === undefined ? null : new Date(validFrom);
    if (!(await store.delete(this.db, market.code, sku, start))) {
      const which = start ? `starting ${start.toISOString()}` : 'base price';
      throw new NotFoundError(`No price for "${sku}" in ${market.code} (${which})`);
    }
    await this.changes.publish('prices');
  }
}

/** Admin records, each saying whether it is the price in force now. */
function records(rows: StoredPrice[], markets: Map<string, Market>, now: Date): PriceRecord[] {
  const groups = new Map<string, StoredPrice[]>();
  for (const row of rows) {
    const key = `${row.marketCode} ${row.sku}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const inForce = new Set<StoredPrice>();
  for (const [key, group] of groups) {
    const market = markets.get(key.split(' ')[0]!);
    const current = entryInForce(
      group.filter((p) => p.currency === market?.currency),
      now,
    );
    if (current) inForce.add(current);
  }
  return rows.map((p) => {
    const locale = markets.get(p.marketCode)?.locale ?? 'en';
    return {
      market: p.marketCode,
      sku: p.sku,
      currency: p.currency,
      amount: p.amount,
      decimal: toDecimal(p.amount, p.currency),
      formatted: formatMoney(p.amount, p.currency, locale),
      validFrom: p.validFrom?.toISOString() ?? null,
      validUntil: p.validUntil?.toISOString() ?? null,
      inForce: inForce.has(p),
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  });
}
