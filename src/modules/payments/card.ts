import type { FieldIssue } from '../../platform/errors.js';
import type { Card } from './provider.js';

// What we check of a card before any provider sees it: the mistakes a shopper can fix.

/** The Luhn checksum every card number carries (ISO/IEC 7812-1 annex B). */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function cardBrand(digits: string): string {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^6(011|5)/.test(digits)) return 'discover';
  if (/^35/.test(digits)) return 'jcb';
  if (/^62/.test(digits)) return 'unionpay';
  return 'card';
}

/** Cards are issued for a few years; a year further ahead than this is a typing mistake. */
const MAX_VALIDITY_YEARS = 20;

/** The card with its number's spaces and dashes removed, or the fields a shopper must correct. */
export function checkCard(card: Card, now: Date): { card: Card; issues: FieldIssue[] } {
  const number = card.number.replace(/[\s-]/g, '');
  const issues: FieldIssue[] = [];
  if (!/^\d{12,19}$/.test(number)) issues.push({ field: 'card.number', message: 'must be 12 to 19 digits' });
  else if (!luhn(number))
    issues.push({ field: 'card.number', message: 'is not a valid card number (check the digits)' });
  if (!Number.isInteger(card.expMonth) || card.expMonth < 1 || card.expMonth > 12) {
    issues.push({ field: 'card.expMonth', message: 'must be a month from 1 to 12' });
  }
  const year = card.expYear < 100 ? 2000 + card.expYear : card.expYear;
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
  if (!Number.isInteger(year)) issues.push({ field: 'card.expYear', message: 'must be a year' });
  else if (issues.every((i) => i.field !== 'card.expMonth') && year * 12 + card.expMonth < thisMonth) {
    issues.push({ field: 'card.expYear', message: 'the card has expired' });
  } else if (year > now.getUTCFullYear() + MAX_VALIDITY_YEARS) {
    issues.push({ field: 'card.expYear', message: `is more than ${MAX_VALIDITY_YEARS} years ahead: check the year` });
  }
  const cvcLength = cardBrand(number) === 'amex' ? 4 : 3;
  if (!new RegExp(`^\\d{${cvcLength}}$`).test(card.cvc)) {
    issues.push({ field: 'card.cvc', message: `must be the ${cvcLength} digits on the card` });
  }
  return { card: { ...card, number, expYear: year }, issues };
}
