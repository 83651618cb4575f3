import { ChangeCache } from '../../platform/cache.js';
import type { ChangeFeed, Topic } from '../../platform/changes.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, Executor } from '../../platform/database/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { CatalogService } from '../catalog/index.js';
import type { InventoryService } from '../inventory/index.js';
import type { Market, MarketService } from '../markets/index.js';
import type { PricingService } from '../pricing/index.js';
import { type ReadinessService, VERDICT_TOPICS } from '../readiness/index.js';
import type { TaxProvider } from '../tax/index.js';
import { byAdded, type CartItemRow, type CartRow, cartStore as store } from './store.js';
import { lineAmount, type Totals, totals } from './totals.js';

// Carts: anonymous, one market each. Only what may be sold in the market, at a price it has
// there, goes in; the checkout checks all of it again, from the database, when the order is
// placed. Each step of a purchase is on the hot path (bench/commerce): a cart answers from what
// its own request read and wrote, and what a SKU is, costs and whether it may be sold here is
// kept in memory between requests (see `offers`).

export const MAX_QUANTITY = 99;

export interface CartLine {
  sku: string;
  product: { id: string; slug: string; name: string };
  variant: { name: string };
  quantity: number;
  /** Null, with the reason in `problem`, when the line may not be bought now. */
  unitPrice: number | null;
  amount: number | null;
  problem: string | null;
}

export interface Cart {
  id: string;
  market: string;
  currency: string;
  items: CartLine[];
  totals: Totals;
  /** The order this cart became, if it has been checked out. */
  orderId: string | null;
  updatedAt: string;
}

/** Why a shopper may not buy a product, by closed gate: the outside wording, not the rules and certificates. */
const SHOPPER_REASONS = {
  assortment: 'it is not part of this market’s range',
  compliance: 'it is not yet certified for sale here',
  ecosystem: 'the services it needs are not yet available here',
} as const;

/** The changes that can change what a SKU is, costs, or whether it may be sold. */
const OFFER_TOPICS: readonly Topic[] = [...VERDICT_TOPICS, 'prices'];

export class CartsService {
  /** What each SKU is, costs and whether it may be sold, per market: what the cart page shows. */
  private readonly offers: ChangeCache<Offer>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    changes: ChangeFeed,
    private readonly markets: MarketService,
    private readonly catalog: CatalogService,
    private readonly readiness: ReadinessService,
    private readonly prices: PricingService,
    private readonly tax: TaxProvider,
    private readonly stock: InventoryService,
  ) {
    // Dropped by every change to what a product is, costs or may be sold by, and when a verdict
    // or a price changes by itself, as the storefront's listing is. Checkout does not use it: it
    // prices and checks every line from the database.
    this.offers = new ChangeCache(changes, clock, OFFER_TOPICS);
  }

  async create(marketCode: string): Promise<Cart> {
    const market = await this.markets.get(marketCode);
    const row = await store.create(this.db, market.code, this.clock.now());
    return this.view(row, market, [], new Map());
  }

  async get(id: string): Promise<Cart> {
    const { cart, items } = await this.contents(id);
    const market = await this.markets.get(cart.marketCode);
    const offers = await this.cachedOffers(
      market,
      items.map((i) => i.sku),
    );
    return this.view(cart, market, items, offers);
  }

  /** Puts `quantity` more of a SKU in the cart: 409 saying why when it may not be sold, has no price or stock. */
  async add(id: string, sku: string, quantity: number): Promise<Cart> {
    const { cart, items } = await this.open(id);
    const market = await this.markets.get(cart.marketCode);
    const inCart = items.find((i) => i.sku === sku)?.quantity ?? 0;
    // Every line is priced once: for the check, and for the cart it answers with.
    const offers = await this.cachedOffers(market, [...items.map((i) => i.sku), sku]);
    const offer = offers.get(sku)!;
    // A SKU no product has is the request's mistake (a line the cart holds may since have gone:
    // that one is "no longer sold").
    if (!offer.product.id && inCart === 0) throw ValidationError.field('sku', `no product has the SKU "${sku}"`);
    await this.checkSellable(market, offer, sku, inCart + quantity);
    const at = this.clock.now();
    const line = await store.add(this.db, id, sku, quantity, at);
    if (!line) throw new ConflictError('This cart has been checked out; start a new one', 'cart');
    const after = [...items.filter((i) => i.sku !== sku), line].sort(byAdded);
    return this.view({ ...cart, updatedAt: at }, market, after, offers);
  }

  /** Sets a line's quantity; 0 takes it out. */
  async setQuantity(id: string, sku: string, quantity: number): Promise<Cart> {
    const { cart } = await this.open(id);
    if (quantity === 0) return this.remove(id, sku);
    const market = await this.markets.get(cart.marketCode);
    const [offer] = (await this.cachedOffers(market, [sku])).values();
    await this.checkSellable(market, offer!, sku, quantity);
    if (!(await store.setQuantity(this.db, id, sku, quantity, this.clock.now()))) {
      throw new NotFoundError(`The cart has no ${sku}`);
    }
    return this.get(id);
  }

  async remove(id: string, sku: string): Promise<Cart> {
    await this.open(id);
    if (!(await store.remove(this.db, id, sku, this.clock.now()))) throw new NotFoundError(`The cart has no ${sku}`);
    return this.get(id);
  }

  /** The cart's row and items as they are now. */
  async contents(id: string): Promise<{ cart: CartRow; items: CartItemRow[] }> {
    const found = await store.withItems(this.db, id);
    if (!found) throw new NotFoundError(`No cart ${id}`);
    return found;
  }

  /** The cart's row, locked for the caller's transaction, with its items: one checkout of a cart at a time. */
  async lock(tx: Executor, id: string): Promise<{ cart: CartRow; items: CartItemRow[] }> {
    const found = await store.lockWithItems(tx, id);
    if (!found) throw new NotFoundError(`No cart ${id}`);
    return found;
  }

  async close(tx: Executor, id: string, orderId: string): Promise<void> {
    await store.close(tx, id, orderId, this.clock.now());
  }

  /**
   * The lines priced as of `at`, each checked against the verdict, read from the database: what
   * checkout places. A line that may not be bought now carries the shopper's reason instead of a
   * price, so checkout can refuse it.
   */
  async price(market: Market, items: Array<{ sku: string; quantity: number }>, at: Date): Promise<CartLine[]> {
    const { values } = await this.loadOffers(
      market,
      items.map((i) => i.sku),
      at,
    );
    return items.map((item) => cartLine(values.get(item.sku)!, item));
  }

  /** The offers of these SKUs now, from the cache. */
  private cachedOffers(market: Market, skus: string[]): Promise<Map<string, Offer>> {
    const keys = skus.map((sku) => `${market.code} ${sku}`);
    return this.offers
      .getMany(keys, async (missing) => {
        const { values, expiresAt } = await this.loadOffers(
          market,
          missing.map((key) => key.slice(market.code.length + 1)),
          this.clock.now(),
        );
        return { values: new Map([...values].map(([sku, offer]) => [`${market.code} ${sku}`, offer])), expiresAt };
      })
      .then((offers) => new Map([...offers].map(([key, offer]) => [key.slice(market.code.length + 1), offer])));
  }

  /** Each SKU's product, price in force and verdict at `at`, and the next instant either can change by itself. */
  private async loadOffers(
    market: Market,
    skus: string[],
    at: Date,
  ): Promise<{ values: Map<string, Offer>; expiresAt: Date | null }> {
    const products = await this.catalog.productsBySkus(skus);
    const bySku = new Map(products.flatMap((p) => p.variants.map((v) => [v.sku, { product: p, variant: v }] as const)));
    const [book, evaluation] = await Promise.all([
      this.prices.priceBook(market, skus, at),
      this.readiness.evaluate(market, products, at),
    ]);
    const values = new Map(
      skus.map((sku): [string, Offer] => {
        const found = bySku.get(sku);
        if (!found) {
          return [
            sku,
            {
              product: { id: '', slug: '', name: sku },
              variant: { name: '' },
              unitPrice: null,
              problem: `${sku} is no longer sold`,
            },
          ];
        }
        const verdict = evaluation.verdicts.get(found.product.id)!;
        const price = book.prices.get(sku);
        const problem = !verdict.sellable
          ? notSellable(found.product.name, market, verdict.gates)
          : !price
            ? `${found.product.name} has no price in ${market.name} yet`
            : null;
        return [
          sku,
          {
            product: { id: found.product.id, slug: found.product.slug, name: found.product.name },
            variant: { name: found.variant.name },
            unitPrice: problem || !price ? null : price.amount,
            problem,
          },
        ];
      }),
    );
    const changes = [book.nextChange, evaluation.nextChange].filter((d): d is Date => d !== null);
    const expiresAt = changes.length > 0 ? new Date(Math.min(...changes.map((d) => d.getTime()))) : null;
    return { values, expiresAt };
  }

  private async checkSellable(market: Market, offer: Offer, sku: string, quantity: number): Promise<void> {
    if (quantity > MAX_QUANTITY)
      throw ValidationError.field('quantity', `at most ${MAX_QUANTITY} of one item per order`);
    if (offer.problem) throw new ConflictError(offer.problem, 'sku');
    const available = (await this.stock.available(market.code, [sku])).get(sku) ?? 0;
    if (available < quantity) {
      const name = `${offer.product.name} (${offer.variant.name})`;
      throw new ConflictError(
        available === 0
          ? `${name} is out of stock in ${market.name}`
          : `Only ${available} of ${name} left in ${market.name}`,
        'quantity',
      );
    }
  }

  private async open(id: string): Promise<{ cart: CartRow; items: CartItemRow[] }> {
    const found = await this.contents(id);
    if (found.cart.orderId) throw new ConflictError('This cart has been checked out; start a new one', 'cart');
    return found;
  }

  private async view(row: CartRow, market: Market, items: CartItemRow[], offers: Map<string, Offer>): Promise<Cart> {
    const lines = items.map((item) => cartLine(offers.get(item.sku)!, item));
    const buyable = lines.filter((l) => l.problem === null);
    const quote =
      buyable.length > 0 && market.taxMode === 'inclusive'
        ? await this.tax.quote({
            market,
            address: { country: market.countries[0]! },
            lines: buyable.map((l) => ({ id: l.sku, amount: l.amount!, quantity: l.quantity })),
            shipping: 0,
          })
        : null;
    return {
      id: row.id,
      market: row.marketCode,
      currency: market.currency,
      items: lines,
      totals: totals(
        buyable.map((l) => l.amount!),
        { shipping: null, quote, taxIncluded: market.taxMode === 'inclusive' },
      ),
      orderId: row.orderId,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

/** What a SKU is, costs and whether it may be bought in a market at an instant, whatever the quantity. */
interface Offer {
  product: CartLine['product'];
  variant: CartLine['variant'];
  unitPrice: number | null;
  problem: string | null;
}

function cartLine(offer: Offer, item: { sku: string; quantity: number }): CartLine {
  return {
    sku: item.sku,
    product: offer.product,
    variant: offer.variant,
    quantity: item.quantity,
    unitPrice: offer.unitPrice,
    amount: offer.unitPrice === null ? null : lineAmount(offer.unitPrice, item.quantity),
    problem: offer.problem,
  };
}

/** Why a shopper may not buy a product here, in words for shoppers. */
export function notSellable(name: string, market: Market, gates: Array<{ gate: string; open: boolean }>): string {
  const reasons = gates
    .filter((g) => !g.open)
    .map((g) => SHOPPER_REASONS[g.gate as keyof typeof SHOPPER_REASONS] ?? `the ${g.gate} check is not met`);
  return `${name} cannot be bought in ${market.name}: ${reasons.join('; ')}`;
}
