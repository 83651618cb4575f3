import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Type, { type Static } from 'typebox';
import { parse } from 'yaml';
import { type FieldIssue, ValidationError } from '../../platform/errors.js';
import { check } from '../../platform/validate.js';
import { countryIssue } from '../markets/index.js';
import { parseRate } from '../pricing/index.js';
import type { Jurisdiction, TaxComponent } from './compute.js';

// The built-in provider's rate table: data/tax/rates.yaml, read and validated once at start. A bad
// file stops the server with the file and field named, like a bad rule file.

export const TAX_RATES_FILE = fileURLToPath(new URL('../../../data/tax/rates.yaml', import.meta.url));

const Taxes = Type.Array(
  Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 40 }),
      rate: Type.String({ pattern: '^[0-9]{1,3}(\\.[0-9]{1,4})?$', description: 'percentage as text: "7.25"' }),
    },
    { additionalProperties: false },
  ),
  { maxItems: 4 },
);

const sourced = {
  source: Type.String({ pattern: '^https?://\\S+$', description: 'where the rate was read' }),
  checked: Type.String({ format: 'date', description: 'the day it was last checked against the source' }),
  notes: Type.Optional(Type.String({ maxLength: 2000 })),
  verify: Type.Optional(Type.String({ maxLength: 500, description: 'what must be confirmed before relying on it' })),
};

const Region = Type.Object(
  { name: Type.String({ minLength: 1 }), taxes: Taxes, shippingTaxable: Type.Optional(Type.Boolean()), ...sourced },
  { additionalProperties: false },
);

const Country = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    taxes: Taxes,
    shippingTaxable: Type.Optional(Type.Boolean()),
    regions: Type.Optional(Type.Record(Type.String(), Region)),
    ...sourced,
  },
  { additionalProperties: false },
);

export const TaxRatesFileSchema = Type.Object(
  {
    checked: Type.String({ format: 'date' }),
    notes: Type.String(),
    countries: Type.Record(Type.String(), Country),
  },
  { additionalProperties: false },
);
export type TaxRatesFile = Static<typeof TaxRatesFileSchema>;

/** A country's taxes; with regions, the destination's region decides and adds its own. */
export interface CountryTaxes {
  name: string;
  /** Set when the country needs no region. */
  jurisdiction: Jurisdiction | undefined;
  /** By region code, with the country's taxes already included. */
  regions: Map<string, Jurisdiction & { name: string }> | undefined;
}

export interface TaxTable {
  checked: string;
  countries: Map<string, CountryTaxes>;
}

export class TaxRatesError extends Error {
  override readonly name = 'TaxRatesError';
  constructor(
    readonly file: string,
    readonly issues: FieldIssue[],
  ) {
    super(`${file}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  }
}

/** Validates a parsed rate file and builds the table; `file` names it in errors. */
export function parseTaxRates(file: string, data: unknown): TaxTable {
  let parsed: TaxRatesFile;
  try {
    parsed = check(TaxRatesFileSchema, data);
  } catch (error) {
    if (error instanceof ValidationError) throw new TaxRatesError(file, error.errors ?? []);
    throw error;
  }
  const issues: FieldIssue[] = [];
  const components = (taxes: TaxRatesFile['countries'][string]['taxes'], at: string): TaxComponent[] =>
    taxes.map((tax, i) => {
      const rate = parseRate(tax.rate);
      if (rate === undefined)
        issues.push({ field: `${at}.taxes.${i}.rate`, message: 'must be a percentage from 0 to 100' });
      return { name: tax.name, rate: rate ?? 0 };
    });

  const countries = new Map<string, CountryTaxes>();
  for (const [code, country] of Object.entries(parsed.countries)) {
    const at = `countries.${code}`;
    const issue = countryIssue(code, at);
    if (issue) issues.push(issue);
    const own = components(country.taxes, at);
    const shippingTaxable = country.shippingTaxable ?? true;
    let regions: CountryTaxes['regions'];
    if (country.regions) {
      regions = new Map();
      for (const [regionCode, region] of Object.entries(country.regions)) {
        if (!/^[A-Z0-9]{1,3}$/.test(regionCode)) {
          issues.push({
            field: `${at}.regions.${regionCode}`,
            message: 'must be an ISO 3166-2 subdivision code without the country, e.g. "CA"',
          });
        }
        regions.set(regionCode, {
          code: `${code}-${regionCode}`,
          name: region.name,
          components: [...own, ...components(region.taxes, `${at}.regions.${regionCode}`)],
          shippingTaxable: region.shippingTaxable ?? shippingTaxable,
        });
      }
    }
    countries.set(code, {
      name: country.name,
      jurisdiction: regions ? undefined : { code, components: own, shippingTaxable },
      regions,
    });
  }
  if (issues.length > 0) throw new TaxRatesError(file, issues);
  return { checked: parsed.checked, countries };
}

/** Reads and validates the rate file. Throws TaxRatesError naming the file and field. */
export function loadTaxRates(file: string = TAX_RATES_FILE): TaxTable {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TaxRatesError(file, [
      { field: '(file)', message: `cannot be read as YAML: ${(error as Error).message}` },
    ]);
  }
  return parseTaxRates(file, data);
}
