// The quote module's public surface: a basket priced, shipped and taxed for an address. Checkout
// computes its totals the same way.
export { quoteRoutes } from './routes.js';
export { Quote, QuoteRequest } from './schemas.js';
export { type Costing, QuoteService } from './service.js';
