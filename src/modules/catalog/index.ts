// The catalog module's public surface: what other modules may import.
export { catalogRoutes } from './routes.js';
export { CatalogService } from './service.js';
export type { Category, Product, ProductInput, Variant } from './schemas.js';
export { type DeviceProfile, DeviceProfileSchema, profileInconsistencies } from './profile.js';
