// Email waiting to go out (order confirmations, notify-me). Written in the sender's transaction.
export { outboxRoutes } from './routes.js';
export { type Email, type OutboxMessage, OutboxService } from './service.js';
