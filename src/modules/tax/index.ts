// The tax module's public surface: the TaxProvider seam that checkout calls, the built-in
// provider over data/tax/rates.yaml, and the pure computation it runs on. docs/TAX.md.

export { BuiltInTaxProvider } from './builtin.js';
export { computeTax, type Jurisdiction, type TaxComponent } from './compute.js';
export type { AppliedRate, TaxLine, TaxProvider, TaxQuote, TaxRequest } from './provider.js';
export { loadTaxRates, TAX_RATES_FILE, TaxRatesError, type TaxTable } from './rates.js';
