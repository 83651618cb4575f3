import type { ChangeFeed } from '../../platform/changes.js';
import { NotFoundError } from '../../platform/errors.js';
import type { CatalogService } from '../catalog/index.js';
import { type MarketService, publicMarket } from '../markets/index.js';
import type { ReadinessService } from '../readiness/index.js';
import { ResponseCache } from './cache.js';
import { type ProductPage, storeProduct } from './schemas.js';

// The storefront's read side: what a market may sell, composed from catalog, markets and the
// readiness verdict. The listing is the hot path: served from ResponseCache as ready JSON.

export class StorefrontService {
  private readonly cache: ResponseCache;

  constructor(
    changes: ChangeFeed,
    private readonly markets: MarketService,
    private readonly catalog: CatalogService,
    private readonly readiness: ReadinessService,
  ) {
    this.cache = new ResponseCache(changes);
  }

  /** The market's sellable products as serialized JSON. */
  async listingJson(marketCode: string): Promise<string> {
    const code = marketCode.toUpperCase();
    return this.cache.get(`listing:${code}`, async () => {
      const market = await this.markets.find(code);
      if (!market) throw new NotFoundError(`We do not sell in a market "${marketCode}"`);
      const ids = await this.readiness.sellableProductIds(market);
      const products = await this.catalog.productsByIds(ids);
      return JSON.stringify({ market: publicMarket(market), products: products.map(storeProduct) });
    });
  }

  /** A product page: shown in every market, with whether and why it may (not) be bought there. */
  async productPage(marketCode: string, slug: string): Promise<ProductPage> {
    const market = await this.markets.find(marketCode);
    if (!market) throw new NotFoundError(`We do not sell in a market "${marketCode}"`);
    const product = await this.catalog.findProduct(slug);
    if (!product || product.slug !== slug) throw new NotFoundError(`No product "${slug}"`);
    const availability = await this.readiness.verdict(market, product.id);
    return { market: publicMarket(market), product: storeProduct(product), availability };
  }

  close(): void {
    this.cache.close();
  }
}
