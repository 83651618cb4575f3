import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readCell, spreadsheetSafe, writeCsv } from './csv.js';

describe('CSV the platform writes', () => {
  it('opens formulas as text in a spreadsheet, and reads back what was written', () => {
    for (const value of ['=HYPERLINK("http://x.example","click")', '+SUM(A1)', '-2+3', '@SUM(A1)', '\tnote']) {
      expect(spreadsheetSafe(value), value).toBe(`'${value}`);
      expect(readCell(spreadsheetSafe(value)), value).toBe(value);
    }
    for (const value of ['Xiaomi', "'quoted", 'a=b', '']) {
      expect(spreadsheetSafe(value)).toBe(value);
      expect(readCell(value)).toBe(value);
    }
  });

  it('quotes what a reader would split on, a lone carriage return included', () => {
    const text = writeCsv(['a', 'b'] as const, [
      { a: 'one, two', b: 'line\rbreak' },
      { a: 'say "hi"', b: 'x\ny' },
    ]);
    expect(text.split('\n')[1]).toBe('"one, two","line\rbreak"');
    expect(parse(text, { columns: true })).toEqual([
      { a: 'one, two', b: 'line\rbreak' },
      { a: 'say "hi"', b: 'x\ny' },
    ]);
  });
});
