// Carts: anonymous, per market; lines priced and checked against the verdict. On the purchase's
// hot path (bench/commerce): each request reads its cart once, and the lines' offers come from memory.
export { type Cart, type CartLine, CartsService, MAX_QUANTITY, notSellable } from './service.js';
export { type Totals, totals } from './totals.js';
