import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, gt, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { ChangeCache } from '../../platform/cache.js';
import type { ChangeFeed } from '../../platform/changes.js';
import type { Clock } from '../../platform/clock.js';
import { foreignKeyViolation } from '../../platform/database/errors.js';
import type { Database, Transaction } from '../../platform/database/index.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ServiceUnavailableError,
  TooEarlyError,
  TooManyRequestsError,
  ValidationError,
} from '../../platform/errors.js';
import { sha256 } from '../../platform/hash.js';
import { linkToken } from '../../platform/link-token.js';
import { notSellable } from '../carts/index.js';
import type { CatalogService, Product } from '../catalog/index.js';
import type { InventoryService } from '../inventory/index.js';
import type { Market, MarketService } from '../markets/index.js';
import type { OutboxService } from '../outbox/index.js';
import { formatMoney } from '../pricing/money.js';
import { type ReadinessService, VERDICT_TOPICS } from '../readiness/index.js';
import { AttemptCounter } from './attempts.js';
import type { Admission, AdmissionEngine } from './engine.js';
import { NotSellableError, SaleEndedError, SOLD_OUT } from './errors.js';
import {
  buyerKey,
  type Counts,
  type FlashSale,
  type SaleInput,
  type SaleState,
  saleState,
  termsIssues,
  timingRefusal,
} from './sale.js';
import { flashSaleAdmissions, flashSaleRegistrations, flashSales } from './tables.js';

// Flash sales: staff create them, buyers register and buy. The admission engine decides who gets
// a unit; this service keeps everything around it off the hot path: the sale's terms and whether
// its product may be sold are held in memory (dropped by the change feed), and once a sale is
// known sold out, refusals are answered without asking the engine at all.

export interface SaleView {
  id: string;
  market: string;
  sku: string;
  product: { slug: string; name: string; variant: string };
  price: { amount: number; currency: string; formatted: string };
  quantity: number;
  remaining: number;
  held: number;
  sold: number;
  state: SaleState;
  registrationRequired: boolean;
  registrationOpensAt: string | null;
  startsAt: string;
  endsAt: string;
  perCustomerLimit: number;
  paymentWindowSeconds: number;
  location: string;
}

export type SalePatch = Partial<
  Pick<
    SaleInput,
    'price' | 'quantity' | 'startsAt' | 'endsAt' | 'perCustomerLimit' | 'registrationRequired' | 'paymentWindowSeconds'
  >
> & { registrationOpensAt?: string | null | undefined };

export interface SaleStats extends Counts {
  state: SaleState;
  /** Holds that ran out unpaid (their units went back to the sale). */
  expired: number;
  admissionsPerSecond: Array<{ at: string; admissions: number }>;
}

/** A unit admitted to a buyer, as checkout needs it. */
export interface OrderableUnit {
  sale: FlashSale;
  market: Market;
  product: Product;
  variant: { name: string };
  admission: Admission;
}

/** Where an order's flash-sale unit came from. */
export interface SaleUnit {
  admissionId: string;
  saleId: string;
  location: string;
  sku: string;
}

export interface PurchaseInput {
  email: string;
  registrationToken?: string | undefined;
}

interface Known {
  sale: FlashSale;
  market: Market;
  product: Product;
}

/** Whether the readiness verdict lets the product be sold in the market, and if not, why. */
interface Sellable {
  open: boolean;
  why: string;
}

/** A buyer's attempts per sale that reach the engine: enough for honest retries, not for a script. */
export const PURCHASE_ATTEMPTS = { max: 10, windowMs: 10_000 } as const;

/** A sale this instance saw sold out: until its end, and the Idempotency-Keys admitted before (once read). */
interface SoldOut {
  endsAt: number;
  keys: Set<string> | undefined;
}

export class FlashSaleService {
  private readonly known = new Map<string, Promise<Known>>();
  /** Verdicts per market and product, one read shared by the attempts that ask meanwhile. */
  private readonly verdicts: ChangeCache<Sellable>;
  /** Sales this instance saw sold out; cleared when a unit may have come back. */
  private readonly soldOut = new Map<string, SoldOut>();
  /** Attempts that reach the engine, per sale and buyer; refusals answered from memory are free. */
  private readonly attempts = new AttemptCounter(PURCHASE_ATTEMPTS);
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly changes: ChangeFeed,
    private readonly engine: AdmissionEngine,
    private readonly markets: MarketService,
    private readonly catalog: CatalogService,
    private readonly readiness: ReadinessService,
    private readonly inventory: InventoryService,
    private readonly outbox: OutboxService,
    private readonly publicUrl: string,
  ) {
    this.verdicts = new ChangeCache(changes, clock, VERDICT_TOPICS);
    this.unsubscribe = changes.subscribe((topic) => {
      if (topic === 'flash-sales') this.soldOut.clear();
      // Terms, markets, products and verdicts: whatever may have changed is read again.
      if (topic !== 'prices') this.known.clear();
    });
    // A sale's price is in its market's currency: one that has not ended would sell at the same
    // number in another currency.
    markets.onCurrencyChange(async (tx, market, currency) => {
      const [row] = await tx
        .select({ n: count() })
        .from(flashSales)
        .where(and(eq(flashSales.marketCode, market), gt(flashSales.endsAt, this.clock.now())));
      const n = row?.n ?? 0;
      return n > 0 ? `${n} flash ${n === 1 ? 'sale' : 'sales'} not yet ended, priced in ${currency}` : undefined;
    });
  }

  // Staff: create, edit, list.

  async create(input: SaleInput): Promise<SaleView> {
    const now = this.clock.now();
    const issues = termsIssues(input, now);
    const market = await this.markets.find(input.market);
    if (!market) issues.push({ field: 'market', message: `unknown market "${input.market}"` });
    const [product] = await this.catalog.productsBySkus([input.sku]);
    if (!product) issues.push({ field: 'sku', message: `no variant with SKU "${input.sku}"` });
    if (market && input.location !== undefined) {
      const refusal = await this.locationRefusal(input.location, market.code);
      if (refusal) issues.push({ field: 'location', message: refusal });
    }
    if (issues.length > 0 || !market || !product) throw new ValidationError(issues);

    const location = input.location ?? (await this.locationFor(market.code, input.sku, input.quantity));
    const id = randomUUID();
    await this.db
      .transaction(async (tx) => {
        await tx.insert(flashSales).values({
          id,
          marketCode: market.code,
          sku: input.sku,
          locationCode: location,
          price: input.price,
          quantity: input.quantity,
          registrationOpensAt: input.registrationOpensAt ? new Date(input.registrationOpensAt) : null,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          perCustomerLimit: input.perCustomerLimit,
          registrationRequired: input.registrationRequired,
          paymentWindowSeconds: input.paymentWindowSeconds,
          createdAt: now,
          updatedAt: now,
        });
        await this.setAside(tx, location, input.sku, input.quantity, id);
      })
      .catch((error: unknown) => {
        // Checked above; this is the location being deleted between the check and the insert.
        if (foreignKeyViolation(error)?.includes('location')) {
          throw ValidationError.field('location', `stock location "${location}" was deleted meanwhile`);
        }
        throw error;
      });
    const view = await this.view(id);
    await this.engine.prepare((await this.load(id)).sale);
    await this.changes.publish('flash-sales');
    return view;
  }

  /**
   * Changes a sale. Before its start every term may change (a new quantity sets more units aside or
   * gives some back); once started, only its end.
   */
  async update(id: string, patch: SalePatch): Promise<SaleView> {
    const { sale, market } = await this.read(id);
    const now = this.clock.now();
    const started = now.getTime() >= sale.startsAt.getTime();
    if (started) {
      const fixed = Object.keys(patch).filter((k) => k !== 'endsAt');
      if (fixed.length > 0) {
        throw new ConflictError(
          `The sale has started: only endsAt may change now, not ${fixed.join(', ')}`,
          fixed.map((field) => ({ field, message: 'cannot change once the sale has started' })),
        );
      }
    }
    const next: SaleInput = {
      market: market.code,
      sku: sale.sku,
      location: sale.locationCode,
      price: patch.price ?? sale.price,
      quantity: patch.quantity ?? sale.quantity,
      registrationOpensAt:
        patch.registrationOpensAt === null
          ? undefined
          : (patch.registrationOpensAt ?? sale.registrationOpensAt?.toISOString()),
      startsAt: patch.startsAt ?? sale.startsAt.toISOString(),
      endsAt: patch.endsAt ?? sale.endsAt.toISOString(),
      perCustomerLimit: patch.perCustomerLimit ?? sale.perCustomerLimit,
      registrationRequired: patch.registrationRequired ?? sale.registrationRequired,
      paymentWindowSeconds: patch.paymentWindowSeconds ?? sale.paymentWindowSeconds,
    };
    // A running sale may end now; otherwise the same checks as a new sale.
    const issues = termsIssues(next, started ? new Date(now.getTime() - 1) : now).filter(
      (i) => !started || i.field === 'endsAt',
    );
    if (issues.length > 0) throw new ValidationError(issues);
    if (next.quantity > sale.quantity) {
      // The location may have stopped serving the market since the sale was made there.
      const refusal = await this.locationRefusal(sale.locationCode, market.code);
      if (refusal) throw new ConflictError(`More units cannot be set aside: ${refusal}`, 'quantity');
    }
    await this.db.transaction(async (tx) => {
      const delta = next.quantity - sale.quantity;
      if (delta > 0) await this.setAside(tx, sale.locationCode, sale.sku, delta, id);
      if (delta < 0) {
        await this.inventory.adjustIn(tx, sale.locationCode, sale.sku, -delta, `given back by flash sale ${id}`);
      }
      await tx
        .update(flashSales)
        .set({
          price: next.price,
          quantity: next.quantity,
          registrationOpensAt: next.registrationOpensAt ? new Date(next.registrationOpensAt) : null,
          startsAt: new Date(next.startsAt),
          endsAt: new Date(next.endsAt),
          perCustomerLimit: next.perCustomerLimit,
          registrationRequired: next.registrationRequired,
          paymentWindowSeconds: next.paymentWindowSeconds,
          updatedAt: now,
        })
        .where(eq(flashSales.id, id));
    });
    this.known.delete(id);
    await this.engine.prepare((await this.load(id)).sale);
    await this.changes.publish('flash-sales');
    return this.view(id);
  }

  /**
   * Sales past their end with no unit still held give their unsold units back to the location they
   * came from, once. The counts are the engine's: with Redis the database's lag behind by the
   * hand-off, and a hold they have not yet heard of must not be given back. Every instance runs
   * this; the conditional update lets one of them close each sale.
   */
  async closeEnded(): Promise<number> {
    const now = this.clock.now();
    const due = await this.db
      .select({ id: flashSales.id })
      .from(flashSales)
      .where(and(isNull(flashSales.returned), lte(flashSales.endsAt, now)));
    let closed = 0;
    for (const { id } of due) {
      const { sale } = await this.load(id);
      const counts = await this.engine.counts(sale);
      if (counts.held > 0) continue;
      const unsold = sale.quantity - counts.sold;
      closed += await this.db.transaction(async (tx) => {
        const [row] = await tx
          .update(flashSales)
          .set({ returned: unsold, updatedAt: now })
          .where(and(eq(flashSales.id, id), isNull(flashSales.returned)))
          .returning({ id: flashSales.id });
        if (!row) return 0;
        if (unsold > 0) {
          await this.inventory.adjustIn(tx, sale.locationCode, sale.sku, unsold, `returned by flash sale ${id}`);
        }
        return 1;
      });
    }
    return closed;
  }

  /** For the staff dashboard: counts, expired holds, and admissions per second over the last minutes. */
  async stats(id: string, minutes = 10): Promise<SaleStats> {
    const { sale } = await this.load(id);
    const since = new Date(this.clock.now().getTime() - minutes * 60_000);
    const [counts, [expired], perSecond] = await Promise.all([
      this.engine.counts(sale),
      this.db
        .select({ n: count() })
        .from(flashSaleAdmissions)
        .where(and(eq(flashSaleAdmissions.saleId, id), eq(flashSaleAdmissions.state, 'expired'))),
      this.db
        .select({
          second: sql<string>`to_char(date_trunc('second', ${flashSaleAdmissions.admittedAt}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
          n: count(),
        })
        .from(flashSaleAdmissions)
        .where(and(eq(flashSaleAdmissions.saleId, id), gte(flashSaleAdmissions.admittedAt, since)))
        .groupBy(sql`1`)
        .orderBy(sql`1`),
    ]);
    return {
      ...counts,
      state: saleState(sale, counts, this.clock.now()),
      expired: Number(expired?.n ?? 0),
      admissionsPerSecond: perSecond.map((p) => ({ at: p.second, admissions: Number(p.n) })),
    };
  }

  /** Sales by start; `current`: only those not ended yet, as the storefront announces them. */
  async list(filter: { market?: string | undefined; current?: boolean } = {}): Promise<SaleView[]> {
    const rows = await this.db
      .select({ id: flashSales.id })
      .from(flashSales)
      .where(
        and(
          filter.market ? eq(flashSales.marketCode, filter.market.toUpperCase()) : undefined,
          filter.current ? gt(flashSales.endsAt, this.clock.now()) : undefined,
        ),
      )
      .orderBy(asc(flashSales.startsAt));
    return Promise.all(rows.map((r) => this.view(r.id)));
  }

  async view(id: string): Promise<SaleView> {
    const { sale, market, product } = await this.load(id);
    const counts = await this.engine.counts(sale);
    const variant = product.variants.find((v) => v.sku === sale.sku);
    return {
      id: sale.id,
      market: market.code,
      sku: sale.sku,
      product: { slug: product.slug, name: product.name, variant: variant?.name ?? sale.sku },
      price: {
        amount: sale.price,
        currency: market.currency,
        formatted: formatMoney(sale.price, market.currency, market.locale),
      },
      quantity: sale.quantity,
      remaining: counts.remaining,
      held: counts.held,
      sold: counts.sold,
      state: saleState(sale, counts, this.clock.now()),
      registrationRequired: sale.registrationRequired,
      registrationOpensAt: sale.registrationOpensAt?.toISOString() ?? null,
      startsAt: sale.startsAt.toISOString(),
      endsAt: sale.endsAt.toISOString(),
      perCustomerLimit: sale.perCustomerLimit,
      paymentWindowSeconds: sale.paymentWindowSeconds,
      location: sale.locationCode,
    };
  }

  /** The public counts, cheap enough to poll: no sale row is read once the terms are known. */
  async counts(id: string): Promise<Counts & { state: SaleState }> {
    const { sale } = await this.load(id);
    const counts = await this.engine.counts(sale);
    return { ...counts, state: saleState(sale, counts, this.clock.now()) };
  }

  // Buyers: register, verify, buy.

  /** Sends a one-time link to the address; registering again sends a new link and voids the old one. */
  async register(id: string, email: string): Promise<void> {
    const { sale, product, market } = await this.load(id);
    const now = this.clock.now();
    if (!sale.registrationRequired)
      throw new ConflictError('This sale needs no registration: anyone may buy at the start');
    if (now.getTime() >= sale.startsAt.getTime()) throw new ConflictError('Registration closed when the sale started');
    const opens = sale.registrationOpensAt ?? sale.createdAt;
    if (now.getTime() < opens.getTime()) {
      throw new TooEarlyError(
        `Registration opens at ${opens.toISOString()}`,
        Math.ceil((opens.getTime() - now.getTime()) / 1000),
        'registration-not-open',
      );
    }
    const address = buyerKey(email);
    const token = linkToken();
    const { verifiedAt, tokenHash, createdAt } = flashSaleRegistrations;
    await this.db.transaction(async (tx) => {
      await tx
        .insert(flashSaleRegistrations)
        .values({ saleId: id, email: address, tokenHash: sha256(token), createdAt: now })
        .onConflictDoUpdate({
          target: [flashSaleRegistrations.saleId, flashSaleRegistrations.email],
          // Anyone may ask for an address's link. An unverified registration simply gets the new
          // one; a verified one keeps its token until the new link is opened (verify), so asking
          // again cannot take a buyer's place away.
          set: {
            tokenHash: sql`case when ${verifiedAt} is null then excluded.token_hash else ${tokenHash} end`,
            pendingTokenHash: sql`case when ${verifiedAt} is null then null else excluded.token_hash end`,
            createdAt: sql`case when ${verifiedAt} is null then excluded.created_at else ${createdAt} end`,
          },
        });
      await this.outbox.queue(
        tx,
        {
          kind: 'flash-sale-registration',
          to: address,
          subject: `Confirm your place in the ${product.name} launch sale`,
          about: { sale: id, market: market.code },
          text: [
            `You asked to take part in the ${product.name} launch sale in ${market.name}, starting ${sale.startsAt.toISOString()}.`,
            `Confirm it is you by opening this link: ${this.publicUrl}/flash-sales/${id}?registration=${token}`,
            'If you did not ask for this, ignore this email: nothing happens without the link.',
          ].join('\n\n'),
        },
        now,
      );
    });
  }

  /** The link's secret verifies the address; it is then the buyer's registration token at purchase. */
  async verify(id: string, token: string): Promise<{ email: string }> {
    const hash = sha256(token);
    const { tokenHash, pendingTokenHash } = flashSaleRegistrations;
    const [row] = await this.db
      .update(flashSaleRegistrations)
      .set({
        // The newer link, once opened, is the token from now on; the older one still works until then.
        tokenHash: hash,
        pendingTokenHash: sql`case when ${pendingTokenHash} = ${hash} then null else ${pendingTokenHash} end`,
        verifiedAt: sql`coalesce(${flashSaleRegistrations.verifiedAt}, ${this.clock.now().toISOString()}::timestamptz)`,
      })
      .where(and(eq(flashSaleRegistrations.saleId, id), or(eq(tokenHash, hash), eq(pendingTokenHash, hash))))
      .returning({ email: flashSaleRegistrations.email });
    if (!row) throw new NotFoundError('No registration with this link: it may be incomplete, or a newer one was sent');
    await this.engine.registered(id, row.email, hash);
    return { email: row.email };
  }

  /**
   * Admits the buyer to one unit, held for the payment window, or refuses with the reason: 409
   * sold out or ended, 425 not started, 429 over the buyer's limit, 403 not registered.
   */
  async purchase(id: string, input: PurchaseInput, idempotencyKey?: string): Promise<Admission> {
    const at = this.clock.now();
    // The terms are in memory after the first attempt, so refusals on timing cost no round trip.
    const known = await this.load(id);
    const { sale } = known;
    const timing = timingRefusal(sale, at);
    if (timing?.kind === 'not-started') {
      throw new TooEarlyError(
        `The sale starts at ${timing.startsAt.toISOString()}`,
        Math.ceil((timing.startsAt.getTime() - at.getTime()) / 1000),
        'sale-not-started',
      );
    }
    if (timing?.kind === 'ended') throw new SaleEndedError(`The sale ended at ${timing.endedAt.toISOString()}`);
    // Seen sold out on this instance: refused without asking the engine.
    if (this.refusesAsSoldOut(id, idempotencyKey, at)) throw SOLD_OUT;
    const email = buyerKey(input.email);
    const sellable = await this.sellable(known);
    if (!sellable.open) throw new NotSellableError(sellable.why);
    const wait = this.attempts.take(`${id} ${email}`, at.getTime());
    if (wait > 0) {
      throw new TooManyRequestsError(
        `At most ${PURCHASE_ATTEMPTS.max} attempts in ${PURCHASE_ATTEMPTS.windowMs / 1000} s per buyer; try again in ${wait} s`,
        wait,
      );
    }
    const result = await this.engine
      .admit({
        sale,
        email,
        registrationHash: input.registrationToken ? sha256(input.registrationToken) : undefined,
        idempotencyKey,
        admissionId: randomUUID(),
        at,
      })
      .catch((error: unknown) => {
        // The engine's store is out of reach: nothing was admitted, and the buyer may ask again.
        throw Object.assign(new ServiceUnavailableError('Admission is unavailable for a moment; try again', 2), {
          cause: error,
        });
      });
    if (result.admitted) return result.admission;
    switch (result.refusal.kind) {
      case 'sold-out':
        this.rememberSoldOut(sale);
        throw SOLD_OUT;
      case 'limit':
        throw new TooManyRequestsError(
          `Each buyer may hold or buy ${result.refusal.limit} ${result.refusal.limit === 1 ? 'unit' : 'units'} of this sale, and you have reached that`,
          undefined,
          'purchase-limit-reached',
        );
      case 'not-registered':
        throw new ForbiddenError(
          'This sale is for registered buyers: register before the start and use the link we emailed you',
          'not-registered',
        );
    }
  }

  /**
   * Whether this instance refuses the attempt as sold out from memory: it saw the sale sold out,
   * the sale has not ended, and the attempt cannot be the retry of an admitted one (its
   * Idempotency-Key, if any, was not admitted). The purchase route asks before reading the body.
   */
  refusesAsSoldOut(id: string, idempotencyKey: string | undefined, at = this.clock.now()): boolean {
    const soldOut = this.soldOut.get(id);
    if (soldOut === undefined || at.getTime() >= soldOut.endsAt) return false;
    if (idempotencyKey === undefined) return true;
    // Until the keys are read, any attempt with a key may be a retry: the engine answers it.
    return soldOut.keys !== undefined && !soldOut.keys.has(idempotencyKey);
  }

  /**
   * From now on this instance refuses the sale's attempts itself. The keys admitted so far are
   * read once, so that a retry of one of them still reaches the engine. Nothing is admitted while
   * the sale stays sold out, so they stay complete until a unit comes back, which clears this.
   */
  private rememberSoldOut(sale: FlashSale): void {
    if (this.soldOut.has(sale.id)) return;
    const entry: SoldOut = { endsAt: sale.endsAt.getTime(), keys: undefined };
    this.soldOut.set(sale.id, entry);
    this.engine.admittedKeys(sale.id).then(
      (keys) => {
        entry.keys = keys;
      },
      () => {
        // Without the keys nothing is refused from memory: the next sold-out answer tries again.
        if (this.soldOut.get(sale.id) === entry) this.soldOut.delete(sale.id);
      },
    );
  }

  // Checkout: an admitted unit becomes an order at the sale's price, paid within the hold.

  /** An admitted unit that may be checked out now, with what its order needs; 404 or 409 otherwise. */
  async orderable(saleId: string, admissionId: string): Promise<OrderableUnit> {
    const at = this.clock.now();
    const { sale, market, product } = await this.load(saleId);
    const admission = await this.recordedAdmission(saleId, admissionId);
    if (!admission) {
      throw new NotFoundError(`No admission "${admissionId}" to this sale (a new one takes a moment to be recorded)`);
    }
    if (admission.orderId) throw new ConflictError('This unit has been checked out already', 'admission');
    if (admission.state !== 'held' || admission.heldUntil.getTime() <= at.getTime()) {
      throw new ConflictError(
        `The hold on this unit ran out at ${admission.heldUntil.toISOString()}; the unit went back to the sale`,
        'admission',
      );
    }
    const variant = product.variants.find((v) => v.sku === sale.sku)!;
    return {
      sale,
      market,
      product,
      variant: { name: variant.name },
      admission: {
        id: admission.id,
        saleId,
        email: admission.email,
        admittedAt: admission.admittedAt,
        heldUntil: admission.heldUntil,
      },
    };
  }

  /**
   * The admission's row. With the Redis engine it is written by the hand-off a few milliseconds
   * after the buyer was admitted, so a checkout that follows at once waits up to a second for it.
   */
  private async recordedAdmission(saleId: string, admissionId: string) {
    for (let attempt = 0; ; attempt++) {
      const [row] = await this.db
        .select()
        .from(flashSaleAdmissions)
        .where(and(eq(flashSaleAdmissions.id, admissionId), eq(flashSaleAdmissions.saleId, saleId)));
      if (row || this.engine.name === 'database' || attempt >= 20) return row;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Ties the order to the unit, in the checkout's transaction; a second order for one unit is refused. */
  async attach(tx: Transaction, admissionId: string, orderId: string): Promise<void> {
    const attached = await tx
      .update(flashSaleAdmissions)
      .set({ orderId })
      .where(and(eq(flashSaleAdmissions.id, admissionId), isNull(flashSaleAdmissions.orderId)))
      .returning({ id: flashSaleAdmissions.id });
    if (attached.length === 0) throw new ConflictError('This unit has been checked out already', 'admission');
  }

  /** The flash-sale unit an order is for, if it is for one. */
  async unitOf(tx: Transaction, orderId: string): Promise<SaleUnit | undefined> {
    const [row] = await tx
      .select({ admissionId: flashSaleAdmissions.id, saleId: flashSaleAdmissions.saleId })
      .from(flashSaleAdmissions)
      .where(eq(flashSaleAdmissions.orderId, orderId));
    if (!row) return undefined;
    const [sale] = await tx
      .select({ location: flashSales.locationCode, sku: flashSales.sku })
      .from(flashSales)
      .where(eq(flashSales.id, row.saleId));
    return { ...row, ...sale! };
  }

  /**
   * The order was paid: its unit counts as sold. False when the hold ran out first (the unit may be
   * someone else's now): the caller refunds. Called outside any transaction (the engine may be Redis).
   */
  settle(unit: SaleUnit, orderId: string): Promise<boolean> {
    return this.engine.settle(unit.saleId, unit.admissionId, orderId, this.clock.now());
  }

  /** A paid flash-sale order was cancelled: its unit goes back to the location's stock (the sale may be over). */
  async returnUnit(tx: Transaction, unit: SaleUnit, orderId: string): Promise<void> {
    await this.inventory.adjustIn(tx, unit.location, unit.sku, 1, `flash-sale order ${orderId} cancelled`);
  }

  /** Holds past their payment window go back to the pool (every instance runs this; each hold expires once). */
  async expireHolds(): Promise<number> {
    const expired = await this.engine.expire(this.clock.now());
    if (expired > 0) {
      this.soldOut.clear();
      await this.changes.publish('flash-sales');
    }
    return expired;
  }

  close(): void {
    this.unsubscribe();
    this.verdicts.close();
  }

  private load(id: string): Promise<Known> {
    let known = this.known.get(id);
    if (!known) {
      known = this.read(id);
      this.known.set(id, known);
      known.catch(() => this.known.delete(id));
    }
    return known;
  }

  private async read(id: string): Promise<Known> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError(`No flash sale "${id}"`);
    const [row] = await this.db.select().from(flashSales).where(eq(flashSales.id, id));
    if (!row) throw new NotFoundError(`No flash sale "${id}"`);
    const [market, [product]] = await Promise.all([
      this.markets.get(row.marketCode),
      this.catalog.productsBySkus([row.sku]),
    ]);
    if (!product) throw new NotFoundError(`The product of flash sale "${id}" is gone`);
    const sale: FlashSale = { ...row };
    return { sale, market, product };
  }

  // Cached until a change or the verdict's own next change: a rush's first attempts all arrive
  // before the first verdict does, and share its one evaluation.
  private sellable(known: Known): Promise<Sellable> {
    return this.verdicts.get(`${known.market.code} ${known.product.id}`, async () => {
      const { verdicts, nextChange } = await this.readiness.evaluate(known.market, [known.product]);
      const verdict = verdicts.get(known.product.id)!;
      return {
        value: { open: verdict.sellable, why: notSellable(known.product.name, known.market, verdict.gates) },
        expiresAt: nextChange,
      };
    });
  }

  /** The first location serving the market, by priority, with the units available. */
  private async locationFor(market: string, sku: string, quantity: number): Promise<string> {
    const { levels } = await this.inventory.stock({ market, sku });
    const location = levels.find((l) => l.available >= quantity);
    if (!location) {
      const most = Math.max(0, ...levels.map((l) => l.available));
      throw ValidationError.field(
        'quantity',
        `no stock location serving ${market} has ${quantity} of "${sku}" available (the most is ${most})`,
      );
    }
    return location.location;
  }

  /**
   * Why the units of a sale in the market may not be set aside at the location, or undefined when
   * they may: its buyers' orders ship from there, so it must exist and serve the market.
   */
  private async locationRefusal(code: string, market: string): Promise<string | undefined> {
    const location = await this.inventory.findLocation(code);
    if (!location) return `unknown stock location "${code}"; GET /api/admin/locations lists them`;
    if (!location.markets.includes(market)) {
      const served = location.markets.length > 0 ? location.markets.join(', ') : 'no market';
      return `stock location "${code}" does not serve ${market} (it serves ${served})`;
    }
    return undefined;
  }

  private async setAside(tx: Transaction, location: string, sku: string, quantity: number, id: string) {
    await this.inventory.adjustIn(tx, location, sku, -quantity, `set aside for flash sale ${id}`);
  }
}
