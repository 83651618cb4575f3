// The assortment module's public surface.
export { assortmentRoutes } from './routes.js';
export { AssortmentService } from './service.js';
export type { Listing } from './store.js';
