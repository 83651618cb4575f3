// Notify-me: requests to hear when a product becomes sellable in a market; sent once, by a job.
export { notifyRoutes } from './routes.js';
export { CONSENT_TEXT, type Demand, NotifyService } from './service.js';
