// Payments behind a provider interface (provider.ts); the built-in `test` provider plays every outcome by card number.
export { checkCard } from './card.js';
export type { Card, ChargeResult, PaymentProvider, WebhookEvent } from './provider.js';
export { type Payment, PaymentsService, type PaymentView, paymentView } from './service.js';
export { SIGNATURE_HEADER, signWebhook, TEST_CARDS, testProvider } from './test-provider.js';
