// The inventory module's public surface: stock per location, and reservations that checkout
// makes and settles inside its own transaction. `available` runs on the product page (one
// query per page); the storefront listing does not read stock.
export type { Allocation, ReservationLine } from './allocation.js';
export type { ReleaseReason, Reservation, ReservationState } from './reservation.js';
export { inventoryRoutes } from './routes.js';
export { type Location, LocationInput } from './schemas.js';
export { InventoryService, type OnExpired, type ReserveRequest } from './service.js';
export { SHELF_LIMIT, type ShelfStock, shelfStock } from './stock.js';
