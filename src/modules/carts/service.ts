import type { Clock } from '../../platform/clock.js';
import type { Database, Executor } from '../../platform/database/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { CatalogService } from '../catalog/index.js';
import type { InventoryService } from '../inventory/index.js';
import type { Market, MarketService } from '../markets/index.js';
import type { PricingService } from '../pricing/index.js';
import type { ReadinessService } from '../readiness/index.js';
import type { TaxProvider } from '../tax/index.js';
import { type CartItemRow, type CartRow, cartStore as store } from './store.js';
import { lineAmount, type Totals, totals } from './totals.js';

// Carts: anonymous, one market each. Only what may be sold in the market, at a price it has
// there, goes in; the checkout checks all of it again when the order is placed.

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

export class CartsService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly markets: MarketService,
    private readonly catalog: CatalogService,
    private readonly readiness: ReadinessService,
    private readonly prices: PricingService,
    private readonly tax: TaxProvider,
    private readonly stock: InventoryService,
  ) {}

  async create(marketCode: string): Promise<Cart> {
    const market = await this.markets.get(marketCode);
    const row = await store.create(this.db, market.code, this.clock.now());
    return this.view(this.db, row, market);
  }

  async get(id: string): Promise<Cart> {
    const row = await this.find(this.db, id);
    return this.view(this.db, row, await this.markets.get(row.marketCode));
  }

  /** Puts `quantity` more of a SKU in the cart: 409 saying why when it may not be sold, has no price or stock. */
  async add(id: string, sku: string, quantity: number): Promise<Cart> {
    const cart = await this.open(id);
    const market = await this.markets.get(cart.marketCode);
    const inCart = (await store.items(this.db, id)).find((i) => i.sku === sku)?.quantity ?? 0;
    await this.checkSellable(market, sku, inCart + quantity);
    await store.add(this.db, id, sku, quantity, this.clock.now());
    return this.get(id);
  }

  /** Sets a line's quantity; 0 takes it out. */
  async setQuantity(id: string, sku: string, quantity: number): Promise<Cart> {
    const cart = await this.open(id);
    if (quantity === 0) return this.remove(id, sku);
    await this.checkSellable(await this.markets.get(cart.marketCode), sku, quantity);
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
    const cart = await this.find(this.db, id);
    return { cart, items: await store.items(this.db, id) };
  }

  /** The cart's row, locked for the caller's transaction: one checkout of a cart at a time. */
  async lock(tx: Executor, id: string): Promise<{ cart: CartRow; items: CartItemRow[] }> {
    const cart = await this.find(tx, id, true);
    return { cart, items: await store.items(tx, id) };
  }

  async close(tx: Executor, id: string, orderId: string): Promise<void> {
    await store.close(tx, id, orderId, this.clock.now());
  }

  /**
   * The lines priced as of `at`, each checked against the verdict: what the cart page shows and
   * what checkout places. A line that may not be bought now carries the shopper's reason instead
   * of a price, so the cart can show it and checkout can refuse it.
   */
  async price(market: Market, items: Array<{ sku: string; quantity: number }>, at: Date): Promise<CartLine[]> {
    const skus = items.map((i) => i.sku);
    const products = await this.catalog.productsBySkus(skus);
    const bySku = new Map(products.flatMap((p) => p.variants.map((v) => [v.sku, { product: p, variant: v }] as const)));
    const [prices, { verdicts }] = await Promise.all([
      this.prices.pricesFor(market.code, skus, at),
      this.readiness.evaluate(market, products, at),
    ]);
    return items.map((item): CartLine => {
      const found = bySku.get(item.sku);
      if (!found) {
        const gone = { id: '', slug: '', name: item.sku };
        return {
          ...item,
          product: gone,
          variant: { name: '' },
          unitPrice: null,
          amount: null,
          problem: `${item.sku} is no longer sold`,
        };
      }
      const line = {
        sku: item.sku,
        product: { id: found.product.id, slug: found.product.slug, name: found.product.name },
        variant: { name: found.variant.name },
        quantity: item.quantity,
      };
      const verdict = verdicts.get(found.product.id)!;
      const price = prices.get(item.sku);
      const problem = !verdict.sellable
        ? notSellable(found.product.name, market, verdict.gates)
        : !price
          ? `${found.product.name} has no price in ${market.name} yet`
          : null;
      if (problem || !price) return { ...line, unitPrice: null, amount: null, problem };
      return { ...line, unitPrice: price.amount, amount: lineAmount(price.amount, item.quantity), problem: null };
    });
  }

  private async checkSellable(market: Market, sku: string, quantity: number): Promise<void> {
    if (quantity > MAX_QUANTITY)
      throw ValidationError.field('quantity', `at most ${MAX_QUANTITY} of one item per order`);
    const [line] = await this.price(market, [{ sku, quantity }], this.clock.now());
    if (line!.problem) throw new ConflictError(line!.problem, 'sku');
    const available = (await this.stock.available(market.code, [sku])).get(sku) ?? 0;
    if (available < quantity) {
      const name = `${line!.product.name} (${line!.variant.name})`;
      throw new ConflictError(
        available === 0
          ? `${name} is out of stock in ${market.name}`
          : `Only ${available} of ${name} left in ${market.name}`,
        'quantity',
      );
    }
  }

  private async find(db: Executor, id: string, forUpdate = false): Promise<CartRow> {
    const row = await store.get(db, id, forUpdate);
    if (!row) throw new NotFoundError(`No cart ${id}`);
    return row;
  }

  private async open(id: string): Promise<CartRow> {
    const row = await this.find(this.db, id);
    if (row.orderId) throw new ConflictError('This cart has been checked out; start a new one', 'cart');
    return row;
  }

  private async view(db: Executor, row: CartRow, market: Market): Promise<Cart> {
    const lines = await this.price(market, await store.items(db, row.id), this.clock.now());
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

/** Why a shopper may not buy a product here, in words for shoppers. */
export function notSellable(name: string, market: Market, gates: Array<{ gate: string; open: boolean }>): string {
  const reasons = gates
    .filter((g) => !g.open)
    .map((g) => SHOPPER_REASONS[g.gate as keyof typeof SHOPPER_REASONS] ?? `the ${g.gate} check is not met`);
  return `${name} cannot be bought in ${market.name}: ${reasons.join('; ')}`;
}
