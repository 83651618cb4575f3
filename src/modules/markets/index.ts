// The markets module's public surface.
export { countryIssue } from './market.js';
export { marketRoutes } from './routes.js';
export { type Market, type MarketInput, PublicMarket, publicMarket } from './schemas.js';
export { type CurrencyCheck, MarketService } from './service.js';
