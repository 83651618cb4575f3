import { ChangeCache } from '../../platform/cache.js';
import type { ChangeFeed, Topic } from '../../platform/changes.js';
import type { Clock } from '../../platform/clock.js';
import { NotFoundError } from '../../platform/errors.js';
import { notSellable } from '../carts/index.js';
import type { CatalogService } from '../catalog/index.js';
import { shelfStock } from '../inventory/index.js';
import { type MarketService, publicMarket } from '../markets/index.js';
import type { PricingService } from '../pricing/index.js';
import { type ReadinessService, VERDICT_TOPICS } from '../readiness/index.js';
import { type ProductPage, storeProduct } from './schemas.js';

// The storefront's read side: what a market may sell, composed from catalog, markets, the
// readiness verdict, prices and stock. The listing is the hot path: served from memory as ready
// JSON (until the data behind it changes, or time alone changes it), with one query for the prices of all its variants, and no stock (which changes with
// every checkout); the product page reads stock. A variant without a price is shown with price
// null: it cannot be bought there.

/** Where units available to a market come from (the inventory). */
export interface StockSource {
  available(marketCode: string, skus: string[]): Promise<Map<string, number>>;
}

/** What a listing is made of; a flash sale's counts, changing many times a second, are not. */
const LISTING_TOPICS: readonly Topic[] = [...VERDICT_TOPICS, 'prices'];

export class StorefrontService {
  private readonly cache: ChangeCache<string>;

  constructor(
    changes: ChangeFeed,
    private readonly clock: Clock,
    private readonly markets: MarketService,
    private readonly catalog: CatalogService,
    private readonly readiness: ReadinessService,
    private readonly stock: StockSource,
    private readonly pricing: PricingService,
  ) {
    this.cache = new ChangeCache(changes, clock, LISTING_TOPICS);
  }

  /** The market's sellable products as serialized JSON. */
  async listingJson(marketCode: string): Promise<string> {
    const code = marketCode.toUpperCase();
    return this.cache.get(`listing:${code}`, async () => {
      const market = await this.markets.find(code);
      if (!market) throw new NotFoundError(`We do not sell in a market "${marketCode}"`);
      const { products, nextChange } = await this.readiness.sellable(market);
      const skus = products.flatMap((p) => p.variants.map((v) => v.sku));
      // A price window opening or closing stales the listing by itself, like a certificate expiring.
      const book = await this.pricing.priceBook(market, skus, this.clock.now());
      const listed = products.map((p) => storeProduct(p, book.prices, market));
      const value = JSON.stringify({ market: publicMarket(market), products: listed });
      return { value, expiresAt: earliest(nextChange, book.nextChange) };
    });
  }

  /**
   * A product page, shown in every market: whether it may be bought there and, when not, why in
   * shoppers' words (the same the cart gives); the rules, certificates and deployments behind it
   * are for staff.
   */
  async productPage(marketCode: string, slug: string): Promise<ProductPage> {
    const market = await this.markets.find(marketCode);
    if (!market) throw new NotFoundError(`We do not sell in a market "${marketCode}"`);
    const product = await this.catalog.findProduct(slug);
    if (!product || product.slug !== slug) throw new NotFoundError(`No product "${slug}"`);
    const [{ sellable, gates }, { prices }] = await Promise.all([
      this.readiness.verdict(market, product),
      this.pricing.priceBook(
        market,
        product.variants.map((v) => v.sku),
        this.clock.now(),
      ),
    ]);
    const message = sellable ? `Available in ${market.name}` : `Not available in ${market.name}`;
    const skus = product.variants.map((v) => v.sku);
    const available = sellable ? await this.stock.available(market.code, skus) : new Map<string, number>();
    return {
      market: publicMarket(market),
      // A price is shown only for what may be bought here now.
      product: storeProduct(product, sellable ? prices : new Map(), market),
      availability: { sellable, message, reason: sellable ? null : notSellable(product.name, market, gates) },
      stock: skus.map((sku) => ({ sku, ...shelfStock(available.get(sku) ?? 0) })),
    };
  }

  close(): void {
    this.cache.close();
  }
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.getTime() <= b.getTime() ? a : b;
}
