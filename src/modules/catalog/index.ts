// The catalog module's public surface: what other modules may import.

export { type DeviceProfile, DeviceProfileSchema, profileInconsistencies } from './profile.js';
export { catalogRoutes } from './routes.js';
export type { Category, Product, ProductInput, Variant } from './schemas.js';
export { CatalogService } from './service.js';
