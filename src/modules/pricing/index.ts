// The pricing module's public surface: money arithmetic (integer minor units, ISO 4217 exponents,
// formatting through Intl) and prices per variant and market over time. PricingService.priceBook
// runs on the storefront listing's path (behind its cache): one query per listing.

export {
  allocate,
  assertMinor,
  currencyExponent,
  formatMoney,
  formatRate,
  includedTax,
  type Money,
  money,
  multiply,
  PPM,
  parseAmount,
  parseRate,
  percentOf,
  type Rate,
  sum,
  toDecimal,
} from './money.js';
export type { Price } from './price.js';
export { pricingRoutes } from './routes.js';
export { MoneySchema, type PriceInput, type PriceRecord } from './schemas.js';
export { PricingService } from './service.js';
