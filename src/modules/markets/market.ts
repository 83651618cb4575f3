import countries from 'i18n-iso-countries';
import type { FieldIssue } from '../../platform/errors.js';

// Pure checks of a market's codes against the standards they come from.

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCountry(code: string): boolean {
  // i18n-iso-countries carries the ISO 3166-1 alpha-2 list; "EU" or "UK" are not in it.
  return countries.isValid(code) && code === code.toUpperCase() && code.length === 2;
}

export function isCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}

export function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1 && Intl.NumberFormat.supportedLocalesOf(tag).length === 1;
  } catch {
    return false;
  }
}

/** The issue with a country code, or undefined when it is an ISO 3166-1 alpha-2 code. */
export function countryIssue(code: string, field: string): FieldIssue | undefined {
  if (isCountry(code)) return undefined;
  const hint = code === 'UK' ? ' (the United Kingdom is "GB")' : '';
  return { field, message: `"${code}" is not an ISO 3166-1 alpha-2 country code${hint}` };
}

export function marketIssues(market: { countries?: string[]; currency?: string; locale?: string }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  market.countries?.forEach((code, i) => {
    const issue = countryIssue(code, `countries.${i}`);
    if (issue) issues.push(issue);
  });
  if (market.currency !== undefined && !isCurrency(market.currency)) {
    issues.push({ field: 'currency', message: `"${market.currency}" is not an ISO 4217 currency code` });
  }
  if (market.locale !== undefined && !isLocale(market.locale)) {
    issues.push({ field: 'locale', message: `"${market.locale}" is not a supported BCP 47 locale` });
  }
  return issues;
}
