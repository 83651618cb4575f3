// Notify-me: requests to hear when a product becomes sellable in a market; sent once, by a job.

export { CONSENT_TEXT } from './consent.js';
export { notifyRoutes } from './routes.js';
export { type Demand, NotifyService } from './service.js';
