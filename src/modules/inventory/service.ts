import type { Clock } from '../../platform/clock.js';
import { checkViolation, foreignKeyViolation, uniqueViolation } from '../../platform/database/errors.js';
import type { Database, Executor, Transaction } from '../../platform/database/index.js';
import {
  ConflictError,
  type FieldIssue,
  InsufficientStockError,
  NotFoundError,
  ValidationError,
} from '../../platform/errors.js';
import type { MarketService } from '../markets/index.js';
import { allocate, lineIssues, mergeLines, type ReservationLine } from './allocation.js';
import { commitSettlement, type ReleaseReason, type Reservation, releaseSettlement } from './reservation.js';
import { reservationStore as reservations } from './reservation-store.js';
import type { Location, LocationInput, LocationPatch, StockDetail, StockLevel, StockList } from './schemas.js';
import { availableOf, totalsBySku } from './stock.js';
import { type StoredLevel, inventoryStore as store } from './store.js';

// Stock per location and reservations against it. Checkout calls reserve, commit and release
// inside its own transaction, so an order and its stock move together or not at all; the
// expiry job calls releaseExpired. Overselling is refused three times over: the candidate
// stock rows are locked before the allocation is computed, each increment of reserved is
// conditional on what is available, and the table's checks refuse reserved above on hand.

export interface ReserveRequest {
  /** The caller's reference for the reservation, e.g. the order id or number. */
  reference: string;
  marketCode: string;
  lines: Array<{ sku: string; quantity: number }>;
  expiresAt: Date;
}

/** Runs inside the transaction that released expired reservations, with their references. */
export type OnExpired = (tx: Transaction, references: string[]) => Promise<void>;

const EXPIRY_BATCH = 500;
const ADJUSTMENTS_SHOWN = 50;

export class InventoryService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly markets: MarketService,
    private readonly options: { reservationTtlMs: number },
  ) {}

  // Availability and reservations: what checkout uses.

  /** Available units of each SKU over every location serving the market; 0 for SKUs without stock there. */
  async available(marketCode: string, skus: string[]): Promise<Map<string, number>> {
    const wanted = [...new Set(skus)];
    if (wanted.length === 0) return new Map();
    const found = await store.availableIn(this.db, marketCode.toUpperCase(), wanted);
    return new Map(wanted.map((sku) => [sku, found.get(sku) ?? 0]));
  }

  /** When a reservation made now expires: now plus RESERVATION_TTL_MINUTES. */
  reservationExpiry(): Date {
    return new Date(this.clock.now().getTime() + this.options.reservationTtlMs);
  }

  /**
   * Holds stock for every line, in the caller's transaction, or throws and holds nothing: an
   * InsufficientStockError (409) naming each SKU short of stock and how many are available.
   * Each line comes from the first location serving the market, by priority, that can fill it
   * alone; when none can, from several locations in priority order.
   */
  async reserve(tx: Executor, request: ReserveRequest): Promise<Reservation[]> {
    const now = this.clock.now();
    const issues: FieldIssue[] = [...referenceIssues(request.reference), ...lineIssues(request.lines)];
    if (!(request.expiresAt instanceof Date) || Number.isNaN(request.expiresAt.getTime())) {
      issues.push({ field: 'expiresAt', message: 'must be a date' });
    } else if (request.expiresAt.getTime() <= now.getTime()) {
      issues.push({ field: 'expiresAt', message: `must be after now (${now.toISOString()})` });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    const lines: ReservationLine[] = mergeLines(request.lines);
    const candidates = await reservations.lockCandidates(
      tx,
      request.marketCode.toUpperCase(),
      lines.map((l) => l.sku),
      request.reference,
    );
    // No candidates, no answer from them: then the reference is looked up on its own.
    const taken =
      candidates.length > 0 ? candidates[0]!.referenceTaken : await reservations.referenceExists(tx, request.reference);
    if (taken) throw new ConflictError(`Reference "${request.reference}" already has a reservation`, 'reference');
    const { allocations, shortages } = allocate(request.lines, candidates);
    if (shortages.length > 0) throw new InsufficientStockError(shortages);
    const held = await reservations.hold(tx, {
      reference: request.reference,
      allocations,
      expiresAt: request.expiresAt,
      createdAt: now,
    });
    if (held.length !== allocations.length) {
      // Cannot happen while the candidates are locked; refuse rather than hold part of an order.
      throw new Error(`reserved ${held.length} of ${allocations.length} allocations for "${request.reference}"`);
    }
    return held;
  }

  /**
   * The order is paid: its held units leave on hand and reserved. Committing again does nothing;
   * a reservation that expired or was released is refused (409), since its units may be sold.
   */
  async commit(tx: Executor, reference: string): Promise<void> {
    const lines = await reservations.lockLines(tx, reference);
    if (lines.length === 0) throw new NotFoundError(`No reservation "${reference}"`);
    const now = this.clock.now();
    const settlement = commitSettlement(lines, now);
    if (settlement.kind === 'refuse') {
      throw new ConflictError(`Reservation "${reference}" cannot be committed: ${settlement.reason}`, 'reference');
    }
    if (settlement.kind === 'settle')
      await reservations.settle(tx, chosen(lines, settlement.ids), { state: 'committed' }, now);
  }

  /**
   * The order is cancelled or its time ran out: its held units are available again. Releasing
   * again, or a reference that holds nothing, does nothing; a committed one is refused (409).
   */
  async release(tx: Executor, reference: string, why: ReleaseReason): Promise<void> {
    const lines = await reservations.lockLines(tx, reference);
    const settlement = releaseSettlement(lines);
    if (settlement.kind === 'refuse') {
      throw new ConflictError(`Reservation "${reference}" cannot be released: ${settlement.reason}`, 'reference');
    }
    if (settlement.kind === 'settle') {
      await reservations.settle(
        tx,
        chosen(lines, settlement.ids),
        { state: 'released', reason: why },
        this.clock.now(),
      );
    }
  }

  /**
   * A paid order was cancelled before it shipped: its committed units go back on hand, each with
   * an adjustment saying why. Restocking again does nothing (the lines are marked released).
   */
  async restock(tx: Executor, reference: string): Promise<void> {
    const committed = (await reservations.lockLines(tx, reference)).filter((l) => l.state === 'committed');
    if (committed.length === 0) return;
    await reservations.markRestocked(
      tx,
      committed.map((l) => l.id),
      this.clock.now(),
    );
    // Stock rows in the one order every writer takes them in (SKU, then location): no deadlocks.
    const lines = [...committed].sort((a, b) => a.sku.localeCompare(b.sku) || a.location.localeCompare(b.location));
    for (const line of lines) {
      const current = (await store.level(tx, line.location, line.sku, { forUpdate: true }))!;
      const onHand = current.onHand + line.quantity;
      await store.setOnHand(tx, line.location, line.sku, onHand);
      await store.recordAdjustment(tx, {
        location: line.location,
        sku: line.sku,
        delta: line.quantity,
        onHandAfter: onHand,
        reason: `returned to stock: ${reference} cancelled`,
      });
    }
  }

  /**
   * Releases every held reservation whose expiry is at or before `now` and returns their
   * references. One instance at a time does the work (a transaction-scoped advisory lock; the
   * others return at once), lines being committed or released at that moment are skipped, and
   * each line is released once. `onExpired` runs in the same transaction as the release, so
   * cancelling the orders and returning their stock succeed or fail together.
   */
  async releaseExpired(now: Date, onExpired?: OnExpired): Promise<string[]> {
    const released = new Set<string>();
    for (;;) {
      const batch = await this.db.transaction(async (tx) => {
        if (!(await reservations.tryLockExpiry(tx))) return undefined;
        const lines = await reservations.lockExpired(tx, now, EXPIRY_BATCH);
        if (lines.length === 0) return { lines: 0, references: [] };
        await reservations.settle(tx, lines, { state: 'released', reason: 'expired' }, now);
        const references = [...new Set(lines.map((l) => l.reference))];
        if (onExpired) await onExpired(tx, references);
        return { lines: lines.length, references };
      });
      if (!batch) break;
      for (const reference of batch.references) released.add(reference);
      if (batch.lines < EXPIRY_BATCH) break;
    }
    return [...released];
  }

  /** The lines of a reservation, in every state. */
  reservationsOf(reference: string): Promise<Reservation[]> {
    return reservations.lines(this.db, reference);
  }

  // Stock locations

  async listLocations(): Promise<Location[]> {
    return store.listLocations(this.db);
  }

  /** The location with this code and the markets it serves, or undefined. */
  async findLocation(code: string): Promise<Location | undefined> {
    const [location] = await store.listLocations(this.db, code);
    return location;
  }

  async getLocation(code: string): Promise<Location> {
    const location = await this.findLocation(code);
    if (!location) throw new NotFoundError(`No stock location "${code}"`);
    return location;
  }

  async createLocation(input: LocationInput): Promise<Location> {
    const markets = await this.marketCodes(input.markets);
    try {
      await this.db.transaction(async (tx) => {
        await store.insertLocation(tx, { code: input.code, name: input.name, priority: input.priority ?? 0 });
        await store.setLocationMarkets(tx, input.code, markets);
      });
    } catch (error) {
      if (uniqueViolation(error)) throw new ConflictError(`A stock location with code "${input.code}" exists`, 'code');
      if (foreignKeyViolation(error)) throw ValidationError.field('markets', 'a market was deleted meanwhile');
      throw error;
    }
    return this.getLocation(input.code);
  }

  async updateLocation(code: string, patch: LocationPatch): Promise<Location> {
    const markets = patch.markets === undefined ? undefined : await this.marketCodes(patch.markets);
    try {
      await this.db.transaction(async (tx) => {
        const found = await store.updateLocation(tx, code, { name: patch.name, priority: patch.priority });
        if (!found) throw new NotFoundError(`No stock location "${code}"`);
        if (markets) await store.setLocationMarkets(tx, code, markets);
      });
    } catch (error) {
      if (foreignKeyViolation(error)) throw ValidationError.field('markets', 'a market was deleted meanwhile');
      throw error;
    }
    return this.getLocation(code);
  }

  /** Deletes a location that holds no stock; its empty stock levels go with it. */
  async deleteLocation(code: string): Promise<void> {
    await this.db
      .transaction(async (tx) => {
        // Locked, so no stock arrives between the check and the delete.
        const holding = await store.lockHeldStock(tx, code);
        if (holding.length > 0) {
          const skus = holding.map((l) => `${l.sku} (${l.onHand} on hand, ${l.reserved} reserved)`);
          throw new ConflictError(
            `Stock location "${code}" still holds stock: ${skus.join(', ')}; set it to 0 or move it first`,
          );
        }
        if (!(await store.deleteLocation(tx, code))) throw new NotFoundError(`No stock location "${code}"`);
      })
      .catch((error: unknown) => {
        // A flash sale's units return to the location they were set aside from when it ends.
        if (foreignKeyViolation(error)?.startsWith('flash_sales_')) {
          throw new ConflictError(`Stock location "${code}" cannot be deleted: flash sales set units aside from it`);
        }
        throw error;
      });
  }

  // Stock levels

  /** Stock levels, of the locations serving a market when one is given, with totals per SKU. */
  async stock(filter: { market?: string | undefined; sku?: string | undefined }): Promise<StockList> {
    let market: string | undefined;
    if (filter.market !== undefined) {
      const found = await this.markets.find(filter.market);
      if (!found) {
        throw ValidationError.field('market', `unknown market "${filter.market}"; GET /api/admin/markets lists them`);
      }
      market = found.code;
    }
    const levels = await store.levels(this.db, { market, sku: filter.sku });
    return { market: market ?? null, levels: levels.map(stockLevel), totals: totalsBySku(levels) };
  }

  async stockLevel(location: string, sku: string): Promise<StockDetail> {
    const level = await store.level(this.db, location, sku);
    if (!level) throw new NotFoundError(`No stock of "${sku}" recorded at "${location}"`);
    const adjustments = await store.adjustments(this.db, location, sku, ADJUSTMENTS_SHOWN);
    return { ...stockLevel(level), adjustments: adjustments.map((a) => ({ ...a, at: a.at.toISOString() })) };
  }

  /** Sets the units on hand (a stock count); refused below what reservations hold. */
  async setOnHand(location: string, sku: string, onHand: number, reason = 'stock count'): Promise<StockLevel> {
    return this.changeOnHand(location, sku, 'onHand', reason, () => onHand);
  }

  /** Adds delta (negative: removes) to the units on hand, e.g. a delivery or breakage. */
  async adjust(location: string, sku: string, delta: number, reason: string): Promise<StockLevel> {
    if (delta === 0) throw ValidationError.field('delta', 'must not be 0');
    return this.changeOnHand(location, sku, 'delta', reason, (current) => current + delta);
  }

  /**
   * Adjusts on hand inside the caller's transaction, so the units move with what moved them (a
   * flash sale setting units aside, say). Refused (409) below zero or below what reservations hold.
   */
  async adjustIn(tx: Transaction, location: string, sku: string, delta: number, reason: string): Promise<StockLevel> {
    if (delta === 0) throw ValidationError.field('delta', 'must not be 0');
    return this.changeOnHand(location, sku, 'delta', reason, (current) => current + delta, tx);
  }

  private async changeOnHand(
    location: string,
    sku: string,
    field: 'onHand' | 'delta',
    reason: string,
    next: (current: number) => number,
    outer?: Transaction,
  ): Promise<StockLevel> {
    try {
      const change = async (tx: Transaction) => {
        await store.ensureLevel(tx, location, sku);
        const current = (await store.level(tx, location, sku, { forUpdate: true }))!;
        const onHand = next(current.onHand);
        if (onHand < 0) {
          throw new ConflictError(`${field} would leave ${onHand} of "${sku}" on hand at "${location}"`, field);
        }
        if (onHand < current.reserved) {
          throw new ConflictError(
            `${field} would leave ${onHand} of "${sku}" on hand at "${location}", below the ${current.reserved} that reservations hold`,
            field,
          );
        }
        const updated = await store.setOnHand(tx, location, sku, onHand);
        const delta = onHand - current.onHand;
        if (delta !== 0) await store.recordAdjustment(tx, { location, sku, delta, onHandAfter: onHand, reason });
        return updated;
      };
      const level = outer ? await change(outer) : await this.db.transaction(change);
      return stockLevel(level);
    } catch (error) {
      const key = foreignKeyViolation(error);
      if (key?.includes('sku')) throw new NotFoundError(`No variant with SKU "${sku}"`);
      if (key) throw new NotFoundError(`No stock location "${location}"`);
      // The checks agree with the code above; this is the database refusing a race the code missed.
      if (checkViolation(error)) throw new ConflictError(`${field} would oversell "${sku}" at "${location}"`, field);
      throw error;
    }
  }

  /** The market codes, canonical, each checked to exist; issues name the offending entry. */
  private async marketCodes(codes: string[]): Promise<string[]> {
    const issues: FieldIssue[] = [];
    const found: string[] = [];
    for (const [i, code] of codes.entries()) {
      const market = await this.markets.find(code);
      if (market) found.push(market.code);
      else
        issues.push({ field: `markets.${i}`, message: `unknown market "${code}"; GET /api/admin/markets lists them` });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    return [...new Set(found)];
  }
}

/** The lines with these ids. */
function chosen(lines: Reservation[], ids: string[]): Reservation[] {
  const wanted = new Set(ids);
  return lines.filter((l) => wanted.has(l.id));
}

function referenceIssues(reference: unknown): FieldIssue[] {
  if (typeof reference !== 'string' || reference.trim() === '' || reference.length > 200) {
    return [{ field: 'reference', message: 'must be a non-empty string of at most 200 characters' }];
  }
  return [];
}

function stockLevel(level: StoredLevel): StockLevel {
  return {
    location: level.location,
    sku: level.sku,
    onHand: level.onHand,
    reserved: level.reserved,
    available: availableOf(level),
    updatedAt: level.updatedAt.toISOString(),
  };
}
