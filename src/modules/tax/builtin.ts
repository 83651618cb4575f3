import { ValidationError } from '../../platform/errors.js';
import { computeTax, type Jurisdiction } from './compute.js';
import type { TaxProvider, TaxQuote, TaxRequest } from './provider.js';
import type { TaxTable } from './rates.js';

// The built-in provider: the destination's standard rate(s) from data/tax/rates.yaml, applied by
// the pure computation in compute.ts. It knows no local rates, exemptions or reduced rates; a tax
// service replaces it through the same TaxProvider interface (docs/TAX.md).

export class BuiltInTaxProvider implements TaxProvider {
  readonly name = 'built-in';

  constructor(private readonly table: TaxTable) {}

  async quote(request: TaxRequest): Promise<TaxQuote> {
    const jurisdiction = this.jurisdictionOf(request);
    return computeTax(jurisdiction, request.market.taxMode, request.market.currency, request.lines, request.shipping);
  }

  /** Where the tax is due: the destination country, and its region where the country has regional taxes. */
  jurisdictionOf(request: Pick<TaxRequest, 'market' | 'address'>): Jurisdiction {
    const { country, region } = request.address;
    if (!request.market.countries.includes(country)) {
      throw ValidationError.field(
        'shippingAddress.country',
        `market ${request.market.code} does not deliver to ${country}`,
      );
    }
    const entry = this.table.countries.get(country);
    if (!entry) throw ValidationError.field('shippingAddress.country', `no tax rate is on file for ${country}`);
    if (entry.jurisdiction) return entry.jurisdiction;
    if (!region) {
      throw ValidationError.field(
        'shippingAddress.region',
        `is required for deliveries in ${entry.name}: it decides the tax`,
      );
    }
    const regional = entry.regions?.get(region.toUpperCase());
    if (!regional)
      throw ValidationError.field('shippingAddress.region', `"${region}" is not a region of ${entry.name}`);
    return regional;
  }
}
