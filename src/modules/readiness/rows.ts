import type { ChangeFeed, Topic } from '../../platform/changes.js';
import type { AssortmentService } from '../assortment/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { RuleFile } from '../compliance/index.js';
import type { Market, MarketService } from '../markets/index.js';
import { CachedRows } from './cache.js';
import { certificatesByProduct, type PreparedProduct, prepareProducts, type Rows } from './facts.js';
import type { CertificateFacts, DeploymentFacts } from './verdict.js';

/** The changes that can change a verdict: whoever keeps verdicts drops them on these. */
export const VERDICT_TOPICS = [
  'markets',
  'catalog',
  'assortment',
  'certificates',
  'ecosystem',
] as const satisfies readonly Topic[];
type VerdictTopic = (typeof VERDICT_TOPICS)[number];
const isVerdictTopic = (topic: Topic): topic is VerdictTopic => (VERDICT_TOPICS as readonly Topic[]).includes(topic);

// The rows behind verdicts, read from the database, or for the matrix kept in memory between
// calls. Reading them is most of the time of a large matrix (200,000 verdicts need 125,000
// listings and 34,000 certificates at 5,000 products), while they change seldom: each kind of
// rows is kept until the change feed says what it was read from changed, in this process or,
// through NOTIFY, in another. Only rows are kept, never verdicts: the matrix still works out
// every verdict at the instant it is asked for, so expiry and effective dates need no drop.

/** Where the certificates covering products come from (the certificate registry). */
export interface EvidenceSource {
  evidenceFor(productIds: string[]): Promise<CertificateFacts[]>;
}

/** Where the deployments of cloud services come from (the ecosystem). */
export interface DeploymentSource {
  deploymentsOf(serviceCodes: string[]): Promise<DeploymentFacts[]>;
}

export interface Sources {
  markets: MarketService;
  catalog: CatalogService;
  assortment: AssortmentService;
  evidence: EvidenceSource;
  deployments: DeploymentSource;
  rules: (jurisdiction: string) => RuleFile | undefined;
}

/**
 * How `read` gets the rows:
 * - 'database': all read now. The storefront and checkout read so: they must see a change the
 *   moment it is committed, not the moment its notification arrives.
 * - 'kept': those kept; the others are read and kept.
 * - 'kept-for-some': for a few products (the verdicts one certificate affects, a matrix of one
 *   product), those kept, and the others read for these products only; for more, as 'kept'.
 */
export type Reading = 'database' | 'kept' | 'kept-for-some';

/** Up to this many products are "a few": their rows cost less to read alone than all rows. */
const FEW_PRODUCTS = 100;

const NO_LISTINGS: ReadonlyMap<string, number> = new Map();

const servicesOf = (products: PreparedProduct[]) => [...new Set(products.flatMap((p) => p.facts.requiredServices))];

export class VerdictRows {
  private readonly markets = new CachedRows(() => this.sources.markets.list());
  private readonly products = new CachedRows(async () => prepareProducts(await this.sources.catalog.listProducts()));
  private readonly listings = new CachedRows(() => this.sources.assortment.allListings());
  private readonly certificates = new CachedRows(async () => {
    const ids = (await this.products.get()).map((p) => p.facts.id);
    return certificatesByProduct(await this.sources.evidence.evidenceFor(ids));
  });
  private readonly deployments = new CachedRows(async () =>
    this.sources.deployments.deploymentsOf(servicesOf(await this.products.get())),
  );
  /**
   * The kept rows each topic's changes make stale. Deleting a market or a product deletes its
   * listings; certificates and deployments are read for the products' ids and services.
   */
  private readonly stale: Record<VerdictTopic, Array<CachedRows<unknown>>> = {
    markets: [this.markets, this.listings],
    catalog: [this.products, this.listings, this.certificates, this.deployments],
    assortment: [this.listings],
    certificates: [this.certificates],
    ecosystem: [this.deployments],
  };

  constructor(
    changes: ChangeFeed,
    private readonly sources: Sources,
  ) {
    // For the life of the feed: closing the app closes the feed, which ends the subscription.
    changes.subscribe((topic) => {
      if (isVerdictTopic(topic)) for (const rows of this.stale[topic]) rows.drop();
    });
  }

  /** Every market, kept. */
  allMarkets(): Promise<Market[]> {
    return this.markets.get();
  }

  /** Every product, prepared for verdicts, kept. */
  allProducts(): Promise<PreparedProduct[]> {
    return this.products.get();
  }

  /** These products prepared for verdicts: from the kept ones when kept, else read. */
  async productsByIds(ids: string[]): Promise<PreparedProduct[]> {
    const kept = this.products.held();
    if (!kept) return prepareProducts(await this.sources.catalog.productsByIds(ids));
    const wanted = new Set(ids);
    return (await kept).filter((p) => wanted.has(p.facts.id));
  }

  /** The rows behind the verdicts of these products in these markets, read as `reading` says. */
  async read(markets: Market[], products: PreparedProduct[], reading: Reading): Promise<Rows> {
    const keep = reading === 'kept' || (reading === 'kept-for-some' && products.length > FEW_PRODUCTS);
    const keptOr = <T>(rows: CachedRows<T>, read: () => Promise<T>): Promise<T> =>
      keep || (reading === 'kept-for-some' && rows.held()) ? rows.get() : read();
    const ids = products.map((p) => p.facts.id);
    const none = markets.length === 0 || products.length === 0;
    const [listings, certificates, deployments] = await Promise.all([
      none ? new Map<string, Map<string, number>>() : keptOr(this.listings, () => this.readListings(markets, ids)),
      none
        ? new Map<string, CertificateFacts[]>()
        : keptOr(this.certificates, async () => certificatesByProduct(await this.sources.evidence.evidenceFor(ids))),
      none ? [] : keptOr(this.deployments, () => this.readDeployments(products)),
    ]);
    return {
      markets: markets.map((market) => ({ market, listings: listings.get(market.code) ?? NO_LISTINGS })),
      products,
      certificates,
      deployments,
      rules: this.sources.rules,
    };
  }

  /**
   * Listings by market. A few products are looked up by product in one query; many, market by
   * market, since a market's listings cost less to read whole than thousands of ids do to send.
   */
  private async readListings(markets: Market[], productIds: string[]): Promise<Map<string, Map<string, number>>> {
    const { assortment } = this.sources;
    const byMarket =
      productIds.length <= FEW_PRODUCTS
        ? await assortment.listingsOfProducts(productIds)
        : new Map(await Promise.all(markets.map(async (m) => [m.code, await assortment.listingsOf(m.code)] as const)));
    return new Map(
      [...byMarket].map(([market, listings]) => [
        market,
        new Map([...listings.values()].map((l) => [l.productId, l.listedAt.getTime()])),
      ]),
    );
  }

  private async readDeployments(products: PreparedProduct[]): Promise<DeploymentFacts[]> {
    const services = servicesOf(products);
    return services.length === 0 ? [] : this.sources.deployments.deploymentsOf(services);
  }
}
