import type { FieldIssue, StockShortage } from '../../platform/errors.js';
import { availableOf } from './stock.js';

// Pure: which locations a reservation's lines take their stock from. No I/O; the service feeds
// it the stock levels it has locked, so the answer cannot go stale before it is written.

export interface ReservationLine {
  sku: string;
  quantity: number;
}

/** One SKU's stock at one location that serves the market, as locked for the reservation. */
export interface StockCandidate {
  location: string;
  /** The location's priority: lower first. */
  priority: number;
  sku: string;
  onHand: number;
  reserved: number;
}

export interface Allocation {
  sku: string;
  location: string;
  quantity: number;
}

/** A line that cannot be filled; available counts every location serving the market. */
export type Shortage = StockShortage;

export const MAX_LINE_QUANTITY = 1_000_000;

/** What is wrong with a reservation's lines, each issue naming its line. */
export function lineIssues(lines: ReadonlyArray<ReservationLine>): FieldIssue[] {
  if (lines.length === 0) return [{ field: 'lines', message: 'must name at least one SKU' }];
  const issues: FieldIssue[] = [];
  lines.forEach((line, i) => {
    if (typeof line.sku !== 'string' || line.sku.trim() === '') {
      issues.push({ field: `lines.${i}.sku`, message: 'must be a SKU' });
    }
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_LINE_QUANTITY) {
      issues.push({ field: `lines.${i}.quantity`, message: `must be a whole number from 1 to ${MAX_LINE_QUANTITY}` });
    }
  });
  return issues;
}

/**
 * The lines with one entry per SKU (quantities of repeated SKUs added up), sorted by SKU, each
 * with the index of its first line. Sorted, so that every reservation locks stock rows in the
 * same order and two checkouts never wait on each other in a circle.
 */
export function mergeLines(lines: ReadonlyArray<ReservationLine>): Array<ReservationLine & { line: number }> {
  const bySku = new Map<string, ReservationLine & { line: number }>();
  lines.forEach((l, i) => {
    const seen = bySku.get(l.sku);
    if (seen) seen.quantity += l.quantity;
    else bySku.set(l.sku, { sku: l.sku, quantity: l.quantity, line: i });
  });
  return [...bySku.values()].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

const byPriority = (a: StockCandidate, b: StockCandidate) =>
  a.priority - b.priority || (a.location < b.location ? -1 : a.location > b.location ? 1 : 0);

/**
 * Where one line's quantity comes from: the first location by priority that can fill it alone
 * (one parcel); when none can, as much as each location has, in priority order, until the line
 * is filled. Undefined when the locations together do not have enough.
 */
export function allocateLine(
  line: ReservationLine,
  candidates: ReadonlyArray<StockCandidate>,
): Allocation[] | undefined {
  const stocked = candidates.filter((c) => c.sku === line.sku && availableOf(c) > 0).sort(byPriority);
  const whole = stocked.find((c) => availableOf(c) >= line.quantity);
  if (whole) return [{ sku: line.sku, location: whole.location, quantity: line.quantity }];
  const allocations: Allocation[] = [];
  let missing = line.quantity;
  for (const c of stocked) {
    if (missing === 0) break;
    const take = Math.min(missing, availableOf(c));
    allocations.push({ sku: line.sku, location: c.location, quantity: take });
    missing -= take;
  }
  return missing === 0 ? allocations : undefined;
}

/**
 * All lines or none: the allocations when every line can be filled, otherwise every shortage,
 * so the caller can tell the shopper about each SKU at once.
 */
export function allocate(
  lines: ReadonlyArray<ReservationLine>,
  candidates: ReadonlyArray<StockCandidate>,
): { allocations: Allocation[]; shortages: Shortage[] } {
  const allocations: Allocation[] = [];
  const shortages: Shortage[] = [];
  for (const line of mergeLines(lines)) {
    const allocated = allocateLine(line, candidates);
    if (allocated) {
      allocations.push(...allocated);
      continue;
    }
    const available = candidates.filter((c) => c.sku === line.sku).reduce((sum, c) => sum + availableOf(c), 0);
    shortages.push({ sku: line.sku, requested: line.quantity, available, line: line.line });
  }
  return shortages.length > 0 ? { allocations: [], shortages } : { allocations, shortages };
}
