import * as Format from 'typebox/format';

// What the schemas' `date` and `date-time` formats accept, wherever a schema is checked: Ajv for
// requests (http/validation.ts), TypeBox for data files, CSV rows and CLI input (validate.ts).
// A day or an instant is one PostgreSQL and JavaScript both hold exactly: years 1900 to 9999, and
// no leap second. The stock formats let year 0050 through (node-postgres wrote it as 1950), year
// 0000 (PostgreSQL refuses it) and 23:59:60 (JavaScript cannot hold it).

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/** YYYY-MM-DD, a day of the calendar, in years 1900 to 9999. */
export function isDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An RFC 3339 date-time on such a day, with its offset, and no leap second. */
export function isInstant(text: string): boolean {
  const m = INSTANT.exec(text);
  if (!m || !isDay(m[1]!)) return false;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4])];
  const offsetOk = m[5] === undefined || (Number(m[5]) < 24 && Number(m[6]) < 60);
  return hour < 24 && minute < 60 && second < 60 && offsetOk;
}

/** The schemas' own `email` format, for the few places that check an address outside a schema. */
export function isEmail(text: string): boolean {
  return Format.Test('email', text);
}

Format.Set('date', isDay);
Format.Set('date-time', isInstant);
