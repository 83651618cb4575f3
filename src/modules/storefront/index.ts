// The storefront module's public surface. Its listing route is on the hot path (bench/catalog).
export { storefrontRoutes } from './routes.js';
export { StorefrontService } from './service.js';
