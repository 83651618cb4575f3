// Pure: money as an integer count of a currency's minor units (cents, yen, fils), and tax rates as
// integer parts per million. No floating-point number ever holds an amount: arithmetic that can
// leave the safe-integer range (amount x rate) runs on BigInt, and decimal text is parsed and
// printed digit by digit.
//
// Rounding rule: half up (half away from zero), on the exact rational result. It is the rule tax
// authorities write down: the US Streamlined Sales and Use Tax Agreement (section 324) rounds a
// half cent up, HMRC (VAT Notice 700, section 16.3) and most EU member states round commercially,
// Canada's CRA rounds to the nearest cent with a half cent up. Banker's rounding (half to even) is
// unbiased over many sums, but no tax authority we sell under asks for it, and a receipt that a
// shopper re-computes by hand must come out the same.

/**
 * ISO 4217 minor units where CLDR (what Intl formats with) shows fewer digits than the standard
 * defines: CLDR drops unused decimals for display (HUF, IDR, COP, ...), but an amount stored in
 * minor units must follow the standard. Source: ISO 4217 list one (SIX, "Current currency & funds
 * code list"), checked 2026-11-24 against Node 20's ICU 78.
 */
const ISO_MINOR_UNITS: Readonly<Record<string, number>> = {
  AFN: 2,
  ALL: 2,
  COP: 2,
  HUF: 2,
  IDR: 2,
  IQD: 3,
  IRR: 2,
  KPW: 2,
  LAK: 2,
  LBP: 2,
  MGA: 2,
  MMK: 2,
  RSD: 2,
  SOS: 2,
  SYP: 2,
  YER: 2,
};

const intlDigits = new Map<string, { min: number; max: number }>();

/** What Intl (CLDR) shows for a currency by default. */
function displayDigits(currency: string): { min: number; max: number } {
  let digits = intlDigits.get(currency);
  if (!digits) {
    const options = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
    digits = { min: options.minimumFractionDigits ?? 2, max: options.maximumFractionDigits ?? 2 };
    intlDigits.set(currency, digits);
  }
  return digits;
}

/** Minor-unit exponent of an ISO 4217 currency: JPY 0, USD 2, KWD 3. */
export function currencyExponent(currency: string): number {
  return ISO_MINOR_UNITS[currency] ?? displayDigits(currency).max;
}

/** Throws unless the amount is a whole number of minor units that a double holds exactly. */
export function assertMinor(amount: number, what = 'amount'): number {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`${what} must be a whole number of minor units: ${amount}`);
  return amount;
}

function toSafe(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} is too large to hold exactly: ${value}`);
  }
  return Number(value);
}

/** The sum of amounts, exactly; throws if it leaves the safe-integer range. */
export function sum(amounts: readonly number[]): number {
  let total = 0n;
  for (const amount of amounts) total += BigInt(assertMinor(amount));
  return toSafe(total, 'sum');
}

/** A unit amount times a quantity (a line total), exactly. */
export function multiply(amount: number, quantity: number): number {
  return toSafe(BigInt(assertMinor(amount)) * BigInt(assertMinor(quantity, 'quantity')), 'product');
}

/** Integer division rounded half away from zero; the divisor is positive. */
function divideRounded(numerator: bigint, divisor: bigint): bigint {
  const quotient = numerator / divisor; // truncates toward zero
  const remainder = numerator % divisor;
  const absRemainder = remainder < 0n ? -remainder : remainder;
  if (2n * absRemainder >= divisor) return numerator < 0n ? quotient - 1n : quotient + 1n;
  return quotient;
}

// Rates

/** A tax rate in parts per million: 7.25% is 72_500, Quebec's 9.975% is 99_750. */
export type Rate = number;
/** 100% as a Rate. */
export const PPM = 1_000_000;

const RATE_TEXT = /^(\d{1,3})(?:\.(\d{1,4}))?$/;

/** "7.25" (a percentage, as text) to 72_500 parts per million; undefined when it is not one. */
export function parseRate(percent: string): Rate | undefined {
  const match = RATE_TEXT.exec(percent);
  if (!match) return undefined;
  const rate = Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0'));
  return rate <= PPM ? rate : undefined;
}

/** 72_500 to "7.25": the percentage with no trailing zeros. */
export function formatRate(rate: Rate): string {
  const whole = Math.trunc(rate / 10_000);
  const fraction = String(rate % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** rate of amount, rounded half up: the tax added to a net amount. */
export function percentOf(amount: number, rate: Rate): number {
  return toSafe(divideRounded(BigInt(assertMinor(amount)) * BigInt(assertMinor(rate, 'rate')), BigInt(PPM)), 'tax');
}

/**
 * The tax contained in a tax-inclusive amount: gross x rate / (1 + rate), rounded half up. The net
 * is gross minus this, so net + tax = gross exactly.
 */
export function includedTax(gross: number, rate: Rate): number {
  const r = BigInt(assertMinor(rate, 'rate'));
  return toSafe(divideRounded(BigInt(assertMinor(gross)) * r, BigInt(PPM) + r), 'tax');
}

/**
 * Splits an amount into parts proportional to non-negative integer weights, so that the parts
 * sum to the amount exactly (largest remainder; ties go to the earlier part). All weights zero:
 * everything to the first part.
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight');
  const total = weights.reduce((a, w) => a + BigInt(assertMinor(w, 'weight')), 0n);
  if (weights.some((w) => w < 0)) throw new RangeError('weights must not be negative');
  const whole = BigInt(assertMinor(amount));
  if (total === 0n) return weights.map((_, i) => (i === 0 ? amount : 0));
  const sign = whole < 0n ? -1n : 1n;
  const magnitude = whole * sign;
  const parts = weights.map((w) => (magnitude * BigInt(w)) / total);
  const remainders = weights.map((w, i) => ({ i, r: (magnitude * BigInt(w)) % total }));
  let left = magnitude - parts.reduce((a, p) => a + p, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts.map((p) => Number(p * sign));
}

// Decimal text

const AMOUNT_TEXT = /^(\d{1,16})(?:\.(\d{1,20}))?$/;

/**
 * "19.99" in a currency to minor units (1999). Throws a RangeError whose message a person
 * understands when the text is not a plain non-negative decimal or has more decimals than the
 * currency has minor units ("12.5" in JPY). Trailing zeros beyond them are harmless ("4480.00").
 */
export function parseAmount(text: string, currency: string): number {
  const exponent = currencyExponent(currency);
  const match = AMOUNT_TEXT.exec(text);
  if (!match) {
    throw new RangeError(
      `"${text}" is not an amount: write it like "${exampleAmount(currency)}", with no sign or separators`,
    );
  }
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) {
    throw new RangeError(
      exponent === 0
        ? `${currency} has no minor unit: "${text}" must be a whole number`
        : `${currency} has ${exponent} decimal${exponent === 1 ? '' : 's'}: "${text}" has more`,
    );
  }
  return toSafe(BigInt(`${match[1]}${fraction.padEnd(exponent, '0')}`), 'amount');
}

function exampleAmount(currency: string): string {
  const exponent = currencyExponent(currency);
  return exponent === 0 ? '4480' : `19.${'99'.padEnd(exponent, '0')}`;
}

/** 1999 minor units of USD to "19.99"; 4480 JPY to "4480". */
export function toDecimal(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  assertMinor(amount);
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  if (exponent === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, currency: string, fractionDigits: number, maxDigits: number): Intl.NumberFormat {
  const key = `${locale} ${currency} ${fractionDigits} ${maxDigits}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: maxDigits,
    });
    formatters.set(key, format);
  }
  return format;
}

/**
 * An amount as shoppers of a locale read it: formatMoney(448000, 'JPY', 'ja-JP') is "￥448,000",
 * formatMoney(2999, 'EUR', 'en-IE') "€29.99". Intl formats the exact decimal text, never a
 * float; where the locale shows fewer decimals than ISO 4217 defines (HUF), an amount with a
 * fraction still shows all of it.
 */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  const shown = Math.min(displayDigits(currency).min, exponent);
  const hidden = 10 ** (exponent - shown);
  const digits = amount % hidden === 0 ? shown : exponent;
  return formatter(locale, currency, digits, exponent).format(toDecimal(amount, currency) as Intl.StringNumericLiteral);
}

/** An amount as the APIs show it: minor units for programs, the formatted text for shoppers. */
export interface Money {
  amount: number;
  currency: string;
  formatted: string;
}

export function money(amount: number, currency: string, locale: string): Money {
  return { amount, currency, formatted: formatMoney(amount, currency, locale) };
}
