// Checkout: where orders, stock and money move together (cart -> order -> payment -> staff moves).
export { checkoutRoutes } from './routes.js';
export { type CheckoutInput, CheckoutService, type PaymentInput } from './service.js';
