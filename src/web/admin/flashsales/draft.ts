import { parseAmount, toDecimal } from '../../money';
import type { FlashSale, SaleInput, SalePatch } from './api';

// The sale form's state, and the API's input made from it. Instants are typed in the browser's own
// time zone (datetime-local) and sent as UTC; the price is typed as a decimal of the market's
// currency and sent in minor units, read digit by digit (never through a float).

export interface SaleDraft {
  market: string;
  sku: string;
  location: string;
  price: string;
  quantity: string;
  registrationRequired: boolean;
  registrationOpensAt: string;
  startsAt: string;
  endsAt: string;
  perCustomerLimit: string;
  paymentWindowSeconds: string;
}

export type DraftField = keyof SaleDraft;

export const EMPTY_DRAFT: SaleDraft = {
  market: '',
  sku: '',
  location: '',
  price: '',
  quantity: '',
  registrationRequired: true,
  registrationOpensAt: '',
  startsAt: '',
  endsAt: '',
  perCustomerLimit: '1',
  paymentWindowSeconds: '600',
};

const two = (n: number) => String(n).padStart(2, '0');

/** An instant as a datetime-local control shows it: the browser's wall-clock time, to the minute. */
export function localInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A datetime-local value as UTC; text that is no instant is sent as it is, for the server to name. */
function instant(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

export function draftOf(sale: FlashSale): SaleDraft {
  return {
    market: sale.market,
    sku: sale.sku,
    location: sale.location,
    price: toDecimal(sale.price.amount, sale.price.currency),
    quantity: String(sale.quantity),
    registrationRequired: sale.registrationRequired,
    registrationOpensAt: localInput(sale.registrationOpensAt),
    startsAt: localInput(sale.startsAt),
    endsAt: localInput(sale.endsAt),
    perCustomerLimit: String(sale.perCustomerLimit),
    paymentWindowSeconds: String(sale.paymentWindowSeconds),
  };
}

/** The price in minor units, or why the text is not one. */
export function priceOf(text: string, currency: string | undefined): { amount?: number; problem?: string } {
  if (!text.trim()) return { problem: 'Enter the sale price.' };
  if (!currency) return { problem: 'Choose the market first: the price is in its currency.' };
  try {
    return { amount: parseAmount(text.trim(), currency) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * What the form can tell without asking: each field left blank, and a price that is none, all at
 * once. The server judges the rest (an end before the start, a variant without stock).
 */
export function draftProblems(draft: SaleDraft, currency: string | undefined): Partial<Record<DraftField, string>> {
  const problems: Partial<Record<DraftField, string>> = {};
  if (!draft.market) problems.market = 'Choose a market.';
  if (!draft.sku) problems.sku = 'Choose a product variant.';
  const price = priceOf(draft.price, currency);
  if (price.problem) problems.price = price.problem;
  if (!draft.quantity.trim()) problems.quantity = 'Enter how many units are for sale.';
  if (!draft.perCustomerLimit.trim()) problems.perCustomerLimit = 'Enter how many units one buyer may have.';
  if (!draft.paymentWindowSeconds.trim()) problems.paymentWindowSeconds = 'Enter how long a buyer has to pay.';
  if (!draft.startsAt) problems.startsAt = 'Enter when the sale starts.';
  if (!draft.endsAt) problems.endsAt = 'Enter when the sale ends.';
  return problems;
}

// A number field left blank or mistyped goes as NaN, which JSON sends as null: the server then says
// which field, in the same words as every other refusal.
const whole = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export function toInput(draft: SaleDraft, price: number): SaleInput {
  return {
    market: draft.market,
    sku: draft.sku,
    ...(draft.location.trim() ? { location: draft.location.trim() } : {}),
    price,
    quantity: whole(draft.quantity),
    ...(draft.registrationRequired && draft.registrationOpensAt
      ? { registrationOpensAt: instant(draft.registrationOpensAt) }
      : {}),
    startsAt: instant(draft.startsAt),
    endsAt: instant(draft.endsAt),
    perCustomerLimit: whole(draft.perCustomerLimit),
    registrationRequired: draft.registrationRequired,
    paymentWindowSeconds: whole(draft.paymentWindowSeconds),
  };
}

/** Only what changed: once a sale has started, the server takes nothing but its end. */
export function toPatch(draft: SaleDraft, sale: FlashSale, price: number | undefined): SalePatch {
  const before = draftOf(sale);
  const patch: SalePatch = {};
  if (price !== undefined && price !== sale.price.amount) patch.price = price;
  if (draft.quantity !== before.quantity) patch.quantity = whole(draft.quantity);
  if (draft.registrationRequired !== before.registrationRequired) {
    patch.registrationRequired = draft.registrationRequired;
  }
  const opens = draft.registrationRequired ? draft.registrationOpensAt : '';
  if (opens !== before.registrationOpensAt) patch.registrationOpensAt = opens ? instant(opens) : null;
  if (draft.startsAt !== before.startsAt) patch.startsAt = instant(draft.startsAt);
  if (draft.endsAt !== before.endsAt) patch.endsAt = instant(draft.endsAt);
  if (draft.perCustomerLimit !== before.perCustomerLimit) patch.perCustomerLimit = whole(draft.perCustomerLimit);
  if (draft.paymentWindowSeconds !== before.paymentWindowSeconds) {
    patch.paymentWindowSeconds = whole(draft.paymentWindowSeconds);
  }
  return patch;
}
