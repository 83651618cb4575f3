import type { FieldIssue } from '../../platform/errors.js';

// Pure: a flash sale's terms, where it stands at an instant, and whether an attempt to buy may go
// on to admission. Nothing here reads a clock or a database.

export const SALE_STATES = ['scheduled', 'registration', 'live', 'sold-out', 'ended'] as const;
export type SaleState = (typeof SALE_STATES)[number];

/** What an admission engine needs to know of a sale: it never reads anything else. */
export interface SaleTerms {
  id: string;
  quantity: number;
  startsAt: Date;
  endsAt: Date;
  perCustomerLimit: number;
  registrationRequired: boolean;
  paymentWindowSeconds: number;
}

export interface Counts {
  quantity: number;
  held: number;
  sold: number;
  /** quantity - held - sold, never below 0. */
  remaining: number;
}

export interface FlashSale extends SaleTerms {
  marketCode: string;
  sku: string;
  locationCode: string;
  /** Minor units of the market's currency. */
  price: number;
  registrationOpensAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Where a sale stands. Registration runs from its opening until the start (a sale without
 * registration goes from scheduled to live); sold out means nothing is left to admit now, though
 * an expiring hold can put a unit back.
 */
export function saleState(sale: FlashSale, counts: Pick<Counts, 'remaining'>, at: Date): SaleState {
  const t = at.getTime();
  if (t >= sale.endsAt.getTime()) return 'ended';
  if (t >= sale.startsAt.getTime()) return counts.remaining > 0 ? 'live' : 'sold-out';
  if (sale.registrationRequired && t >= (sale.registrationOpensAt ?? sale.createdAt).getTime()) return 'registration';
  return 'scheduled';
}

/** Why an attempt is refused before any unit is looked at, or null when it may go to admission. */
export type TimingRefusal = { kind: 'not-started'; startsAt: Date } | { kind: 'ended'; endedAt: Date };

export function timingRefusal(sale: SaleTerms, at: Date): TimingRefusal | null {
  if (at.getTime() < sale.startsAt.getTime()) return { kind: 'not-started', startsAt: sale.startsAt };
  if (at.getTime() >= sale.endsAt.getTime()) return { kind: 'ended', endedAt: sale.endsAt };
  return null;
}

export interface SaleInput {
  market: string;
  sku: string;
  location?: string | undefined;
  price: number;
  quantity: number;
  registrationOpensAt?: string | undefined;
  startsAt: string;
  endsAt: string;
  perCustomerLimit: number;
  registrationRequired: boolean;
  paymentWindowSeconds: number;
}

export const PAYMENT_WINDOW = { min: 60, max: 24 * 3600 } as const;

/** Field issues of the dates and numbers of a sale; the caller checks market, SKU and stock. */
export function termsIssues(input: SaleInput, now: Date): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const date = (field: string, value: string | undefined): Date | undefined => {
    if (value === undefined) return undefined;
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime())) issues.push({ field, message: 'must be a date and time (ISO 8601)' });
    return Number.isNaN(parsed.getTime()) ? undefined : parsed;
  };
  const startsAt = date('startsAt', input.startsAt);
  const endsAt = date('endsAt', input.endsAt);
  const opensAt = date('registrationOpensAt', input.registrationOpensAt);
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) {
    issues.push({ field: 'endsAt', message: 'must be after startsAt' });
  }
  if (endsAt && endsAt.getTime() <= now.getTime()) {
    issues.push({ field: 'endsAt', message: `must be in the future (now is ${now.toISOString()})` });
  }
  if (opensAt && startsAt && opensAt.getTime() > startsAt.getTime()) {
    issues.push({ field: 'registrationOpensAt', message: 'must be before startsAt' });
  }
  if (input.registrationOpensAt !== undefined && !input.registrationRequired) {
    issues.push({ field: 'registrationOpensAt', message: 'is only for a sale with registrationRequired' });
  }
  if (!Number.isSafeInteger(input.price) || input.price <= 0) {
    issues.push({ field: 'price', message: 'must be a positive whole number of minor units' });
  }
  if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0) {
    issues.push({ field: 'quantity', message: 'must be a whole number of units, at least 1' });
  }
  if (!Number.isSafeInteger(input.perCustomerLimit) || input.perCustomerLimit <= 0) {
    issues.push({ field: 'perCustomerLimit', message: 'must be a whole number, at least 1' });
  }
  const window = input.paymentWindowSeconds;
  if (!Number.isSafeInteger(window) || window < PAYMENT_WINDOW.min || window > PAYMENT_WINDOW.max) {
    issues.push({
      field: 'paymentWindowSeconds',
      message: `must be whole seconds from ${PAYMENT_WINDOW.min} to ${PAYMENT_WINDOW.max}`,
    });
  }
  return issues;
}

export function countsOf(sale: Pick<SaleTerms, 'quantity'>, held: number, sold: number): Counts {
  return { quantity: sale.quantity, held, sold, remaining: Math.max(0, sale.quantity - held - sold) };
}

/** Registrations and purchases name a buyer by email, compared without case or spaces around. */
export function buyerKey(email: string): string {
  return email.trim().toLowerCase();
}
