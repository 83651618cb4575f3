import type { Clock } from '../../platform/clock.js';
import type { AssortmentService, Listing } from '../assortment/index.js';
import type { Market } from '../markets/index.js';
import { assortmentGate, type Verdict, verdict } from './verdict.js';

// Gathers the facts each gate needs and asks the pure verdict. Runs per storefront request
// (behind the storefront cache): one query per market, not one per product.

export class ReadinessService {
  constructor(
    private readonly clock: Clock,
    private readonly assortment: AssortmentService,
  ) {}

  /** Verdicts for these products in the market, now. */
  async verdicts(market: Market, productIds: string[]): Promise<Map<string, Verdict>> {
    const listings = await this.assortment.listingsOf(market.code);
    return this.decide(market, productIds, listings, this.clock.now());
  }

  async verdict(market: Market, productId: string): Promise<Verdict> {
    return (await this.verdicts(market, [productId])).get(productId)!;
  }

  /** The products that may be sold in the market now: the listed ones whose every gate is open. */
  async sellableProductIds(market: Market): Promise<string[]> {
    const listings = await this.assortment.listingsOf(market.code);
    const verdicts = this.decide(market, [...listings.keys()], listings, this.clock.now());
    return [...verdicts].filter(([, v]) => v.sellable).map(([id]) => id);
  }

  private decide(
    market: Market,
    productIds: string[],
    listings: Map<string, Listing>,
    instant: Date,
  ): Map<string, Verdict> {
    return new Map(
      productIds.map((id) => [
        id,
        verdict([assortmentGate({ marketName: market.name, listedAt: listings.get(id)?.listedAt }, instant)]),
      ]),
    );
  }
}
