// Figures as the benchmarks print them, and the results file each run appends its record to.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { log } from './lifecycle.mjs';

export const fmt = (n, digits = 0) =>
  n == null ? '–' : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const cores = (c) => (c == null ? '–' : fmt(c, 2));

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Appends the record to the JSON array in file (a file that is not valid JSON is kept as .bak). */
export function appendResult(file, record) {
  let all = [];
  if (existsSync(file)) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8'));
      all = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      log(`warning: ${file} is not valid JSON: starting a new list (the old file is kept as .bak)`);
      writeFileSync(`${file}.bak`, readFileSync(file));
    }
  }
  all.push(record);
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}
