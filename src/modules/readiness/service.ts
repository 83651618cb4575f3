import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/database/index.js';
import type { AssortmentService, Listing } from '../assortment/index.js';
import type { CatalogService, Product } from '../catalog/index.js';
import type { ComplianceService, RuleFile } from '../compliance/index.js';
import type { Market, MarketService } from '../markets/index.js';
import { factsIndex } from './facts.js';
import { cell, type Matrix, type MatrixCell } from './matrix.js';
import { readinessStore as store } from './store.js';
import { changedVerdicts } from './trail.js';
import {
  type CertificateFacts,
  type DeploymentFacts,
  nextChange,
  type Verdict,
  type VerdictFacts,
  verdict,
} from './verdict.js';

// Gathers the facts each gate needs, a few queries however many products and markets, and asks
// the pure verdict. The storefront calls it on its hot path, behind its cache.

/** Where the certificates covering products come from (the certificate registry). */
export interface EvidenceSource {
  evidenceFor(productIds: string[]): Promise<CertificateFacts[]>;
}

/** Where the deployments of cloud services come from (the ecosystem). */
export interface DeploymentSource {
  deploymentsOf(serviceCodes: string[]): Promise<DeploymentFacts[]>;
}

/** Up to this many products, facts() reads their listings by product rather than market by market. */
const FEW_PRODUCTS = 100;

export interface Evaluation {
  verdicts: Map<string, Verdict>;
  /** The next instant any of these verdicts can change by itself; caches must not outlive it. */
  nextChange: Date | null;
}

export class ReadinessService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly markets: MarketService,
    private readonly assortment: AssortmentService,
    private readonly catalog: CatalogService,
    private readonly compliance: ComplianceService,
    private readonly evidence: EvidenceSource,
    private readonly deployments: DeploymentSource,
  ) {}

  /** Verdicts for these products in the market at an instant (now by default). */
  async evaluate(market: Market, products: Product[], instant: Date = this.clock.now()): Promise<Evaluation> {
    const [facts = []] = await this.facts([market], products, instant);
    const verdicts = new Map<string, Verdict>();
    for (const f of facts) verdicts.set(f.product.id, verdict(f, instant));
    const rules = this.rules(market.jurisdiction);
    const ruleDates = rules
      ? rules.rules.flatMap((r) => [r.effectiveFrom, r.effectiveUntil].filter((d): d is string => !!d))
      : [];
    return { verdicts, nextChange: nextChange(facts, ruleDates, instant) };
  }

  /**
   * The facts behind each verdict of these products in these markets: per market, per product.
   * Certificates and deployments are read once however many markets.
   */
  async facts(markets: Market[], products: Product[], instant: Date): Promise<VerdictFacts[][]> {
    const factsOf = await this.factsIndex(markets, products, instant);
    return markets.map((_, i) => products.map((_, j) => factsOf(i, j)));
  }

  private async factsIndex(markets: Market[], products: Product[], instant: Date) {
    const ids = products.map((p) => p.id);
    const services = [...new Set(products.flatMap((p) => p.requiredServices))];
    const [listings, certificates, deployments] = await Promise.all([
      markets.length > 0 ? this.listings(markets, ids) : Promise.resolve([]),
      ids.length > 0 && markets.length > 0 ? this.evidence.evidenceFor(ids) : Promise.resolve([]),
      services.length > 0 && markets.length > 0 ? this.deployments.deploymentsOf(services) : Promise.resolve([]),
    ]);
    return factsIndex(
      {
        markets: markets.map((market, i) => ({ market, listings: listings[i]! })),
        products,
        certificates,
        deployments,
        rules: (jurisdiction) => this.rules(jurisdiction),
      },
      instant,
    );
  }

  /**
   * Listings by market, in the markets' order. A few products (a product page, the verdicts one
   * certificate affects) are looked up by product in one query; many, market by market, since a
   * market's listings cost less to read whole than thousands of ids do to send.
   */
  private async listings(markets: Market[], productIds: string[]): Promise<Array<Map<string, Listing>>> {
    if (productIds.length > FEW_PRODUCTS) return Promise.all(markets.map((m) => this.assortment.listingsOf(m.code)));
    const byMarket = await this.assortment.listingsOfProducts(productIds);
    return markets.map((m) => byMarket.get(m.code) ?? new Map());
  }

  private rules(jurisdiction: string): RuleFile | undefined {
    return this.compliance.jurisdictions().includes(jurisdiction) ? this.compliance.ruleFile(jurisdiction) : undefined;
  }

  async verdict(market: Market, product: Product, instant?: Date): Promise<Verdict> {
    return (await this.evaluate(market, [product], instant)).verdicts.get(product.id)!;
  }

  /** Verdicts of every product (or those named) in every market (or those named). */
  async matrix(filter: {
    markets?: string[] | undefined;
    products?: string[] | undefined;
    at?: Date | undefined;
  }): Promise<Matrix> {
    const at = filter.at ?? this.clock.now();
    const wantMarkets = filter.markets?.map((m) => m.toUpperCase());
    const markets = (await this.markets.list()).filter((m) => !wantMarkets || wantMarkets.includes(m.code));
    const products = (await this.catalog.listProducts()).filter(
      (p) => !filter.products || filter.products.includes(p.slug) || filter.products.includes(p.id),
    );
    return this.matrixOf(markets, products, at);
  }

  /**
   * The verdicts a change of one certificate can affect: the products it covers in the markets of
   * its requirement's jurisdiction. When a change alters the coverage, pass the coverage before and
   * after.
   */
  async affectedBy(
    certificate: { requirementCode: string; coverage: Array<{ productId: string }> },
    at: Date = this.clock.now(),
  ): Promise<Matrix> {
    const jurisdiction = certificate.requirementCode.split('.')[0];
    const markets = (await this.markets.list()).filter((m) => m.jurisdiction === jurisdiction);
    const products = await this.catalog.productsByIds([...new Set(certificate.coverage.map((c) => c.productId))]);
    return this.matrixOf(markets, products, at);
  }

  private async matrixOf(markets: Market[], products: Product[], at: Date): Promise<Matrix> {
    const factsOf = await this.factsIndex(markets, products, at);
    // Cells go market by market, but are worked out product by product: a product's certificates
    // and deployments then stay in the CPU's caches across its markets, which halves the time of
    // a large matrix.
    const cells = new Array<MatrixCell>(markets.length * products.length);
    products.forEach((product, j) => {
      markets.forEach((market, i) => {
        cells[i * products.length + j] = cell(product.slug, market.code, verdict(factsOf(i, j), at));
      });
    });
    return {
      at: at.toISOString(),
      markets: markets.map((m) => ({ code: m.code, name: m.name })),
      products: products.map((p) => ({ id: p.id, slug: p.slug, name: p.name })),
      cells,
    };
  }

  async detail(productIdOrSlug: string, marketCode: string, at?: Date) {
    const instant = at ?? this.clock.now();
    const market = await this.markets.get(marketCode);
    const product = await this.catalog.getProduct(productIdOrSlug);
    return {
      product: { id: product.id, slug: product.slug, name: product.name },
      market: { code: market.code, name: market.name, jurisdiction: market.jurisdiction },
      at: instant.toISOString(),
      verdict: await this.verdict(market, product, instant),
    };
  }

  /**
   * Re-evaluates every verdict now and records those that changed since last recorded, with
   * their cause. A transaction-scoped advisory lock lets one instance at a time do it, so two
   * instances never record the same change twice.
   */
  async recordChanges(cause: string): Promise<number> {
    const at = this.clock.now();
    const matrix = await this.matrix({ at });
    const ids = new Map(matrix.products.map((p) => [p.slug, p.id]));
    const cells = matrix.cells.map((c) => ({ ...c, productId: ids.get(c.product)! }));
    return this.db.transaction(async (tx) => {
      await store.lockRecorder(tx);
      const changes = changedVerdicts(await store.recorded(tx), cells);
      await store.record(tx, changes, cause, at);
      return changes.length;
    });
  }

  /** Recorded verdict changes, newest first. */
  async changes(filter: {
    product?: string | undefined;
    market?: string | undefined;
    before?: number | undefined;
    limit: number;
  }) {
    const productId = filter.product ? (await this.catalog.getProduct(filter.product)).id : undefined;
    const marketCode = filter.market ? (await this.markets.get(filter.market)).code : undefined;
    const slugs = new Map((await this.catalog.listProducts()).map((p) => [p.id, p.slug]));
    const rows = await store.changes(this.db, { productId, marketCode, before: filter.before, limit: filter.limit });
    return {
      changes: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        product: slugs.get(r.productId) ?? r.productId,
        market: r.marketCode,
        from: r.fromSellable,
        to: r.toSellable,
        fromGates: r.fromGates,
        toGates: r.toGates,
        reasons: r.reasons,
        cause: r.cause,
      })),
    };
  }

  /** The products that may be sold in the market now, and until when that answer holds. */
  async sellable(market: Market): Promise<{ products: Product[]; nextChange: Date | null }> {
    const listed = await this.assortment.listingsOf(market.code);
    const candidates = await this.catalog.productsByIds([...listed.keys()]);
    const { verdicts, nextChange } = await this.evaluate(market, candidates);
    return { products: candidates.filter((p) => verdicts.get(p.id)?.sellable), nextChange };
  }
}
