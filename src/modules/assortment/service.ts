import type { ChangeFeed } from '../../platform/changes.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/database/index.js';
import { NotFoundError } from '../../platform/errors.js';
import type { CatalogService } from '../catalog/index.js';
import type { MarketService } from '../markets/index.js';
import { type Listing, assortmentStore as store } from './store.js';

// The business gate's data: which products each market's team has listed.

export interface ListedProduct {
  productId: string;
  slug: string;
  name: string;
  listedAt: string;
}

export class AssortmentService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly changes: ChangeFeed,
    private readonly markets: MarketService,
    private readonly catalog: CatalogService,
  ) {}

  /** Listings of a market by product id; the market code must be canonical (uppercase). */
  async listingsOf(marketCode: string): Promise<Map<string, Listing>> {
    const rows = await store.listings(this.db, marketCode);
    return new Map(rows.map((r) => [r.productId, r]));
  }

  /** Listings of these products in every market, by market code then product id: one query. */
  async listingsOfProducts(productIds: string[]): Promise<Map<string, Map<string, Listing>>> {
    const byMarket = new Map<string, Map<string, Listing>>();
    if (productIds.length === 0) return byMarket;
    for (const { marketCode, ...listing } of await store.listingsOfProducts(this.db, productIds)) {
      let listings = byMarket.get(marketCode);
      if (!listings) {
        listings = new Map();
        byMarket.set(marketCode, listings);
      }
      listings.set(listing.productId, listing);
    }
    return byMarket;
  }

  /**
   * When each product was listed in each market (ms since the epoch), by market code then product
   * id: one query. The readiness matrix keeps them, so they are plain numbers, not objects.
   */
  async allListings(): Promise<Map<string, Map<string, number>>> {
    const byMarket = new Map<string, Map<string, number>>();
    for (const { marketCode, listings } of await store.allListings(this.db))
      byMarket.set(marketCode, new Map(listings));
    return byMarket;
  }

  listingOf(marketCode: string, productId: string): Promise<Listing | undefined> {
    return store.listing(this.db, marketCode, productId);
  }

  async listedProducts(market: string): Promise<{ market: string; listings: ListedProduct[] }> {
    const { code } = await this.markets.get(market);
    const rows = await store.listings(this.db, code);
    const products = new Map((await this.catalog.productsByIds(rows.map((r) => r.productId))).map((p) => [p.id, p]));
    const listings = rows.flatMap((r) => {
      const product = products.get(r.productId);
      return product
        ? [{ productId: r.productId, slug: product.slug, name: product.name, listedAt: r.listedAt.toISOString() }]
        : [];
    });
    return { market: code, listings };
  }

  async list(market: string, product: string): Promise<{ productId: string; listedAt: string }> {
    const { code } = await this.markets.get(market);
    const { id } = await this.catalog.getProduct(product);
    const listing = await store.list(this.db, code, id, this.clock.now());
    await this.changes.publish('assortment');
    return { productId: id, listedAt: listing.listedAt.toISOString() };
  }

  async unlist(market: string, product: string): Promise<void> {
    const { code, name } = await this.markets.get(market);
    const { id, slug } = await this.catalog.getProduct(product);
    if (!(await store.unlist(this.db, code, id))) throw new NotFoundError(`"${slug}" is not listed in ${name}`);
    await this.changes.publish('assortment');
  }
}
