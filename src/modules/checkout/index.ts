// Checkout: where orders, stock and money move together (cart -> order -> payment -> staff moves).
export type {
  Price,
  PriceSource,
  ShippingMethod,
  ShippingSource,
  StockSource,
  TaxQuote,
  TaxRequest,
  TaxSource,
} from './ports.js';
export { checkoutRoutes } from './routes.js';
export { type CheckoutInput, CheckoutService, type PaymentInput } from './service.js';
