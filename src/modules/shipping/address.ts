import countries from 'i18n-iso-countries';
import type { FieldIssue } from '../../platform/errors.js';
import { isPostalCode, normalizePostalCode, POSTAL_FORMATS } from './postal.js';
import { CA_POSTAL_PROVINCES, REQUIRED_REGIONS } from './regions.js';

// Pure: whether a shipping address can be delivered to from a market, with messages a shopper
// understands, each naming its field ("shippingAddress.postalCode"). The country must be one of
// the market's; the postal code must have the country's format; the region is required and
// checked where it decides the tax (US state, Canadian province).

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  /** US state, Canadian province or territory (two letters), or a free-text region elsewhere. */
  region?: string | undefined;
  postalCode?: string | undefined;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

function countryName(code: string): string {
  // Short names as shoppers say them; i18n-iso-countries has "United States of America".
  const short: Record<string, string> = {
    US: 'the United States',
    GB: 'the United Kingdom',
    NL: 'the Netherlands',
    CN: 'China',
  };
  return short[code] ?? countries.getName(code, 'en') ?? code;
}

/** Trimmed text fields, upper-case codes, the postal code spelled the national way. */
export function normalizeAddress(address: ShippingAddress): ShippingAddress {
  const country = address.country.trim().toUpperCase();
  const regionRule = REQUIRED_REGIONS[country];
  const region = address.region?.trim() || undefined;
  const postalCode = address.postalCode?.trim() ? normalizePostalCode(address.postalCode, country) : undefined;
  return {
    name: address.name.trim(),
    line1: address.line1.trim(),
    line2: address.line2?.trim() || undefined,
    city: address.city.trim(),
    region: region && regionRule ? region.toUpperCase().replace(new RegExp(`^${country}-`), '') : region,
    postalCode,
    country,
  };
}

/** What is wrong with the address for delivery from the market; [] when nothing is. */
export function addressIssues(
  input: ShippingAddress,
  market: { name: string; countries: readonly string[] },
  prefix = 'shippingAddress',
): FieldIssue[] {
  const address = normalizeAddress(input);
  const issues: FieldIssue[] = [];
  const issue = (field: string, message: string) => issues.push({ field: `${prefix}.${field}`, message });

  if (!address.name) issue('name', 'Enter the name of the person the parcel is for.');
  if (!address.line1) issue('line1', 'Enter the street address.');
  if (!address.city) issue('city', 'Enter the town or city.');

  const { country } = address;
  if (!market.countries.includes(country)) {
    const known = countries.isValid(country) && country.length === 2;
    const where = market.countries.map(countryName).join(', ');
    issue(
      'country',
      known
        ? `We can't deliver to ${countryName(country)} from our ${market.name} store. It delivers to ${where}.`
        : `Choose the country to deliver to. Our ${market.name} store delivers to ${where}.`,
    );
    return issues; // the rest depends on the country
  }

  const regionRule = REQUIRED_REGIONS[country];
  if (regionRule) {
    if (!address.region) issue('region', `Choose the ${regionRule.noun}.`);
    else if (!regionRule.regions[address.region]) {
      issue(
        'region',
        `"${input.region?.trim()}" is not a ${regionRule.noun} of ${countryName(country)}. Use its two-letter code, for example ${regionRule.example} for ${regionRule.regions[regionRule.example]}.`,
      );
    }
  } else if (address.region && address.region.length > 100) {
    issue('region', 'Shorten the region to 100 characters.');
  }

  const format = POSTAL_FORMATS[country];
  const label = format?.label ?? 'postal code';
  if (!address.postalCode) {
    if (!format?.optional) issue('postalCode', `Enter the ${label}.`);
  } else if (!isPostalCode(address.postalCode, country)) {
    issue(
      'postalCode',
      format
        ? `"${input.postalCode?.trim()}" is not a ${label} of ${countryName(country)}. Enter it like ${format.example}.`
        : `"${input.postalCode?.trim()}" does not look like a ${label}.`,
    );
  } else if (country === 'CA' && address.region && regionRule?.regions[address.region]) {
    const provinces = CA_POSTAL_PROVINCES[address.postalCode[0]!] ?? [];
    if (!provinces.includes(address.region)) {
      const where = provinces.map((p) => regionRule.regions[p]).join(' or ');
      issue(
        'postalCode',
        `${address.postalCode} is a postal code in ${where}, not ${regionRule.regions[address.region]}. Check the postal code and the province.`,
      );
    }
  }
  return issues;
}
