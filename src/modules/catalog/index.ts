// The catalog module's public surface: what other modules may import.

export { type DeviceProfile, DeviceProfileSchema, profileInconsistencies } from './profile.js';
export { catalogRoutes } from './routes.js';
export { type Category, type Product, type ProductInput, Sku, type Variant } from './schemas.js';
export { CatalogService } from './service.js';
