import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ValidationError } from '../../platform/errors.js';
import { formatRate } from '../pricing/index.js';
import { BuiltInTaxProvider } from './builtin.js';
import { loadTaxRates, parseTaxRates, TAX_RATES_FILE, TaxRatesError } from './rates.js';

const table = loadTaxRates();
const rateOf = (country: string, region?: string) => {
  const entry = table.countries.get(country)!;
  const jurisdiction = region ? entry.regions!.get(region)! : entry.jurisdiction!;
  return jurisdiction.components.map((c) => `${c.name} ${formatRate(c.rate)}`);
};

const EU = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');
const US_STATES =
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(
    ' ',
  );
const PROVINCES = 'AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' ');

describe('the shipped rate table (data/tax/rates.yaml)', () => {
  it('has the standard VAT rate of all 27 EU member states', () => {
    expect(EU).toHaveLength(27);
    expect(EU.map((c) => rateOf(c)[0])).toEqual(
      [
        20, 21, 20, 25, 19, 21, 25, 24, 25.5, 20, 19, 24, 27, 23, 22, 21, 21, 17, 18, 21, 23, 23, 21, 23, 22, 21, 25,
      ].map((r) => `VAT ${r}`),
    );
  });

  it('has the UK, India, Japan, Australia, China and Korea', () => {
    expect(['GB', 'IN', 'JP', 'AU', 'CN', 'KR'].map((c) => rateOf(c))).toEqual([
      ['VAT 20'],
      ['GST 18'],
      ['consumption tax 10'],
      ['GST 10'],
      ['VAT 13'],
      ['VAT 10'],
    ]);
  });

  it('has every US state and DC, and needs the state to tax a US delivery', () => {
    expect([...table.countries.get('US')!.regions!.keys()].sort()).toEqual([...US_STATES].sort());
    expect(table.countries.get('US')!.jurisdiction).toBeUndefined();
    expect(rateOf('US', 'CA')).toEqual(['CA sales tax 7.25']);
    expect(rateOf('US', 'OR')).toEqual([]); // no sales tax: no rate to name on a receipt
  });

  it('has GST, HST, PST and QST for every Canadian province and territory', () => {
    expect([...table.countries.get('CA')!.regions!.keys()].sort()).toEqual(PROVINCES);
    expect(rateOf('CA', 'ON')).toEqual(['HST 13']);
    expect(rateOf('CA', 'NS')).toEqual(['HST 14']);
    expect(rateOf('CA', 'QC')).toEqual(['GST 5', 'QST 9.975']);
    expect(rateOf('CA', 'BC')).toEqual(['GST 5', 'BC PST 7']);
    expect(rateOf('CA', 'AB')).toEqual(['GST 5']);
  });

  it('covers every country of every demo market', () => {
    const markets = JSON.parse(readFileSync(new URL('../../../data/demo/markets.json', import.meta.url), 'utf8'));
    const countries = markets.flatMap((m: { countries: string[] }) => m.countries) as string[];
    expect(countries.filter((c) => !table.countries.has(c))).toEqual([]);
  });

  it('names a source and the day it was checked for every entry', () => {
    const data = parse(readFileSync(TAX_RATES_FILE, 'utf8'));
    const entries = Object.values(data.countries).flatMap((c) => [
      c,
      ...Object.values((c as { regions?: object }).regions ?? {}),
    ]);
    expect(entries.length).toBeGreaterThan(90);
    for (const entry of entries as Array<{ source: string; checked: string }>) {
      expect(entry.source).toMatch(/^https:\/\//);
      expect(entry.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('a bad rate file', () => {
  const good = () => parse(readFileSync(TAX_RATES_FILE, 'utf8'));
  const errorOf = (data: unknown) => {
    try {
      parseTaxRates('rates.yaml', data);
    } catch (error) {
      return error as TaxRatesError;
    }
    throw new Error('accepted');
  };

  it('stops the start naming the field: a rate written with a comma', () => {
    const data = good();
    data.countries.DE.taxes[0].rate = '19,0';
    const error = errorOf(data);
    expect(error).toBeInstanceOf(TaxRatesError);
    expect(error.issues).toEqual([{ field: 'countries.DE.taxes.0.rate', message: expect.any(String) }]);
    expect(error.message).toMatch(/^rates\.yaml: countries\.DE\.taxes\.0\.rate/);
  });

  it('refuses a rate above 100%, an entry without a source, and a code that is not ISO', () => {
    const data = good();
    data.countries.US.regions.CA.taxes[0].rate = '725';
    delete data.countries.JP.source;
    data.countries.UK = data.countries.GB;
    const fields = errorOf(data).issues.map((i) => i.field);
    expect(fields).toContain('countries.JP.source');
    const again = good();
    again.countries.US.regions.CA.taxes[0].rate = '725';
    again.countries.UK = again.countries.GB;
    expect(
      errorOf(again)
        .issues.map((i) => i.field)
        .sort(),
    ).toEqual(['countries.UK', 'countries.US.regions.CA.taxes.0.rate']);
  });

  it('names a file that is not YAML', () => {
    expect(() => loadTaxRates('/nonexistent/rates.yaml')).toThrow(TaxRatesError);
  });
});

describe('the built-in provider', () => {
  const provider = new BuiltInTaxProvider(table);
  const eu = { code: 'EU', currency: 'EUR', taxMode: 'inclusive' as const, countries: ['DE', 'FR', 'IE'] };
  const us = { code: 'US', currency: 'USD', taxMode: 'exclusive' as const, countries: ['US'] };
  const ca = { code: 'CA', currency: 'CAD', taxMode: 'exclusive' as const, countries: ['CA'] };
  const lines = [{ id: 'MIPB10K-SLV', amount: 2999, quantity: 1 }];

  it('takes the VAT of the destination member state out of one euro price', async () => {
    const de = await provider.quote({ market: eu, address: { country: 'DE' }, lines, shipping: 0 });
    const fr = await provider.quote({ market: eu, address: { country: 'FR' }, lines, shipping: 0 });
    expect([de.totalTax, de.rates[0]!.label]).toEqual([479, 'VAT 19% (included)']);
    expect([fr.totalTax, fr.rates[0]!.label]).toEqual([500, 'VAT 20% (included)']);
    expect(de.pricesIncludeTax).toBe(true);
  });

  it('adds the state rate for a US address, and leaves California shipping untaxed', async () => {
    const quote = await provider.quote({ market: us, address: { country: 'US', region: 'CA' }, lines, shipping: 599 });
    expect(quote).toMatchObject({ pricesIncludeTax: false, totalTax: 217, shippingTax: 0 });
    expect(quote.rates).toEqual([
      { jurisdiction: 'US-CA', name: 'CA sales tax', rate: 72_500, label: 'CA sales tax 7.25%', amount: 217 },
    ]);
    const texas = await provider.quote({ market: us, address: { country: 'US', region: 'tx' }, lines, shipping: 599 });
    expect(texas.shippingTax).toBe(37); // 5.99 x 6.25% = 0.374
  });

  it('adds GST and QST for Quebec', async () => {
    const quote = await provider.quote({ market: ca, address: { country: 'CA', region: 'QC' }, lines, shipping: 0 });
    expect(quote.rates.map((r) => r.label)).toEqual(['GST 5%', 'QST 9.975%']);
  });

  it('needs the state of a US address, and a real one, naming the field', async () => {
    await expect(provider.quote({ market: us, address: { country: 'US' }, lines, shipping: 0 })).rejects.toMatchObject({
      errors: [{ field: 'shippingAddress.region', message: expect.stringContaining('required') }],
    });
    await expect(
      provider.quote({ market: us, address: { country: 'US', region: 'ZZ' }, lines, shipping: 0 }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a destination outside the market', async () => {
    await expect(
      provider.quote({ market: us, address: { country: 'CA', region: 'ON' }, lines, shipping: 0 }),
    ).rejects.toMatchObject({
      errors: [{ field: 'shippingAddress.country' }],
    });
  });
});
