// Orders: records, the state machine and its history. Stock and money moves belong to checkout.
export { orderRoutes } from './routes.js';
export { type Move, type Order, type OrderEvent, OrdersService } from './service.js';
export { allowedActions, ORDER_ACTIONS, ORDER_STATUSES, type OrderAction, type OrderStatus } from './status.js';
export type { NewOrder, NewOrderLine, OrderRow } from './store.js';
export type { TaxLine } from './tables.js';
