// Carts: anonymous, per market; lines priced and checked against the verdict.
export { type Cart, type CartLine, CartsService, MAX_QUANTITY, notSellable } from './service.js';
export { type Totals, totals } from './totals.js';
