// The shipping module's public surface: markets' shipping methods, what one costs for an order,
// and whether an address can be delivered to from a market.

export { addressIssues, normalizeAddress, type ShippingAddress } from './address.js';
export { daysIssues, type ShippingMethod, shippingCost } from './method.js';
export { isPostalCode, normalizePostalCode, POSTAL_FORMATS } from './postal.js';
export { CA_PROVINCES, REQUIRED_REGIONS, US_STATES } from './regions.js';
export { shippingRoutes } from './routes.js';
export { MethodCode, ShippingAddressSchema, ShippingMethodInput, type StoreShippingMethod } from './schemas.js';
export { ShippingService } from './service.js';
