import { stringify } from 'csv-stringify/sync';

// CSV files the platform writes are opened in spreadsheets. A cell that starts with = + - @ (or a
// tab or carriage return) is read there as a formula, which can run commands or send data away
// (OWASP, "CSV Injection"): such a cell is written with a leading apostrophe, which spreadsheets
// show as text, and which readCell takes off again, so an export imports back unchanged.

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as a spreadsheet may open it safely. */
export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell of a file this platform wrote (or a person edited): the value before spreadsheetSafe. */
export function readCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** A CSV file: the header, then one line per record, every cell quoted as needed and safe to open. */
export function writeCsv<C extends string>(columns: readonly C[], records: ReadonlyArray<Record<C, string>>): string {
  const safe = records.map((record) => columns.map((column) => spreadsheetSafe(record[column])));
  return stringify(safe, { header: true, columns: [...columns], quoted_match: /\r/ });
}
