import { POSTAL_FORMATS } from '../../modules/shipping/postal';
import { REQUIRED_REGIONS } from '../../modules/shipping/regions';
import type { FieldIssue } from '../components/Field';
import type { CheckoutInput, ShippingAddress } from './api';

// The checkout form's state, and what it becomes: the checkout request, and the destination a live
// quote is asked for. Which countries need a region and what their postal codes are called come from
// the shipping module's own data, so the form asks exactly what the server checks.

export interface CheckoutDraft {
  email: string;
  name: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  shippingMethod: string;
}

export type DraftField = keyof CheckoutDraft;

/** The request field each form field is checked as. */
export const REQUEST_FIELD: Record<DraftField, string> = {
  email: 'email',
  name: 'shippingAddress.name',
  line1: 'shippingAddress.line1',
  line2: 'shippingAddress.line2',
  city: 'shippingAddress.city',
  region: 'shippingAddress.region',
  postalCode: 'shippingAddress.postalCode',
  country: 'shippingAddress.country',
  shippingMethod: 'shippingMethod',
};

/** The form field a request field is shown at ("shippingAddress.postalCode" -> postalCode). */
export function draftFieldOf(requestField: string): DraftField | undefined {
  return (Object.keys(REQUEST_FIELD) as DraftField[]).find((field) => REQUEST_FIELD[field] === requestField);
}

export function emptyDraft(countries: readonly string[], shippingMethod: string): CheckoutDraft {
  return {
    email: '',
    name: '',
    line1: '',
    line2: '',
    city: '',
    region: '',
    postalCode: '',
    // A market that delivers to one country needs no choice; the euro area's 21 do.
    country: countries.length === 1 ? countries[0]! : '',
    shippingMethod,
  };
}

/** The states or provinces to choose from where the region decides the tax; undefined elsewhere. */
export function regionsOf(country: string) {
  return REQUIRED_REGIONS[country];
}

/** "ZIP code", "postcode", "PIN code"... with an example and whether an address may lack one. */
export function postalFormatOf(country: string): { label: string; example: string | undefined; optional: boolean } {
  const format = POSTAL_FORMATS[country];
  return { label: format?.label ?? 'postal code', example: format?.example, optional: format?.optional ?? false };
}

function address(draft: CheckoutDraft): ShippingAddress {
  return {
    name: draft.name,
    line1: draft.line1,
    ...(draft.line2.trim() ? { line2: draft.line2 } : {}),
    city: draft.city,
    ...(draft.region.trim() ? { region: draft.region } : {}),
    ...(draft.postalCode.trim() ? { postalCode: draft.postalCode } : {}),
    country: draft.country,
  };
}

export function toCheckoutInput(draft: CheckoutDraft): CheckoutInput {
  return { email: draft.email.trim(), shippingAddress: address(draft), shippingMethod: draft.shippingMethod };
}

/**
 * Where the parcel goes, as far as its price is concerned, once the shopper has said enough of it:
 * the country, the region where it decides the tax, and the postal code. Shipping and tax depend on
 * nothing else, so the quote stands in for the name and street until they are typed.
 */
export function destination(draft: CheckoutDraft): ShippingAddress | undefined {
  if (!draft.country) return undefined;
  if (regionsOf(draft.country) && !draft.region) return undefined;
  if (!postalFormatOf(draft.country).optional && draft.postalCode.trim().length < 3) return undefined;
  return {
    name: 'Quote',
    line1: 'Quote',
    city: 'Quote',
    ...(draft.region ? { region: draft.region } : {}),
    ...(draft.postalCode.trim() ? { postalCode: draft.postalCode.trim() } : {}),
    country: draft.country,
  };
}

// The request schema's own messages ("must match format "email"") are written for programmers; the
// address rules' messages are already written for shoppers and are shown as they are.
const SCHEMA_WORDING: Partial<Record<string, string>> = {
  email: 'Enter your email address, like name@example.com.',
  'shippingAddress.country': 'Choose the country to deliver to.',
  shippingMethod: 'Choose how to deliver.',
};

export function forShoppers(issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => {
    const wording = SCHEMA_WORDING[issue.field];
    return wording && issue.message.startsWith('must ') ? { ...issue, message: wording } : issue;
  });
}
