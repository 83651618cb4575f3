import type { ChangeFeed } from '../../platform/changes.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/database/index.js';
import type { AssortmentService } from '../assortment/index.js';
import type { CatalogService, Product } from '../catalog/index.js';
import type { ComplianceService, RuleFile } from '../compliance/index.js';
import type { Market, MarketService } from '../markets/index.js';
import { factsIndex, type PreparedProduct, prepareProducts } from './facts.js';
import { matrixCells } from './grid.js';
import type { Matrix } from './matrix.js';
import { type DeploymentSource, type EvidenceSource, type Reading, VerdictRows } from './rows.js';
import { readinessStore as store } from './store.js';
import { changedVerdicts } from './trail.js';
import { nextChange, type Verdict, type VerdictFacts, verdict } from './verdict.js';

// Gathers the facts each gate needs and asks the pure verdict. The storefront calls `evaluate` on
// its hot path, behind its cache, and it reads from the database each time (a few queries however
// many products). The matrix, the launch team's view and the verdict audit trail's, keeps the
// rows it reads until the change feed drops them (rows.ts).

export interface Evaluation {
  verdicts: Map<string, Verdict>;
  /** The next instant any of these verdicts can change by itself; caches must not outlive it. */
  nextChange: Date | null;
}

export class ReadinessService {
  private readonly rows: VerdictRows;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    changes: ChangeFeed,
    private readonly markets: MarketService,
    private readonly assortment: AssortmentService,
    private readonly catalog: CatalogService,
    private readonly compliance: ComplianceService,
    evidence: EvidenceSource,
    deployments: DeploymentSource,
  ) {
    const rules = (jurisdiction: string) => this.rules(jurisdiction);
    this.rows = new VerdictRows(changes, { markets, catalog, assortment, evidence, deployments, rules });
  }

  /** Verdicts for these products in the market at an instant (now by default), read from the database. */
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
   * The facts behind each verdict of these products in these markets, read from the database:
   * per market, per product. Certificates and deployments are read once however many markets.
   */
  async facts(markets: Market[], products: Product[], instant: Date): Promise<VerdictFacts[][]> {
    const factsOf = factsIndex(await this.rows.read(markets, prepareProducts(products), 'database'), instant);
    return markets.map((_, i) => products.map((_, j) => factsOf(i, j)));
  }

  private rules(jurisdiction: string): RuleFile | undefined {
    return this.compliance.jurisdictions().includes(jurisdiction) ? this.compliance.ruleFile(jurisdiction) : undefined;
  }

  async verdict(market: Market, product: Product, instant?: Date): Promise<Verdict> {
    return (await this.evaluate(market, [product], instant)).verdicts.get(product.id)!;
  }

  /**
   * Verdicts of every product (or those named) in every market (or those named), from the rows
   * kept in memory: the first matrix after a change reads what changed again.
   */
  async matrix(filter: {
    markets?: string[] | undefined;
    products?: string[] | undefined;
    at?: Date | undefined;
  }): Promise<Matrix> {
    const at = filter.at ?? this.clock.now();
    const wantMarkets = filter.markets?.map((m) => m.toUpperCase());
    const [allMarkets, allProducts] = await Promise.all([this.rows.allMarkets(), this.rows.allProducts()]);
    const markets = allMarkets.filter((m) => !wantMarkets || wantMarkets.includes(m.code));
    const products = filter.products
      ? allProducts.filter(({ product: p }) => filter.products!.includes(p.slug) || filter.products!.includes(p.id))
      : allProducts;
    return this.matrixOf(markets, products, at, filter.products ? 'kept-for-some' : 'kept');
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
    const markets = (await this.rows.allMarkets()).filter((m) => m.jurisdiction === jurisdiction);
    const products = await this.rows.productsByIds([...new Set(certificate.coverage.map((c) => c.productId))]);
    return this.matrixOf(markets, products, at, 'kept-for-some');
  }

  private async matrixOf(markets: Market[], products: PreparedProduct[], at: Date, reading: Reading): Promise<Matrix> {
    const cells = matrixCells(await this.rows.read(markets, products, reading), at);
    return {
      at: at.toISOString(),
      markets: markets.map((m) => ({ code: m.code, name: m.name })),
      products: products.map(({ product: p }) => ({ id: p.id, slug: p.slug, name: p.name })),
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
    const slugs = new Map((await this.rows.allProducts()).map(({ product: p }) => [p.id, p.slug]));
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
