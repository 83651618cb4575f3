// The readiness module's public surface. `verdicts` runs on the storefront's hot path
// (cached by the storefront, see storefront/cache.ts).
export { ReadinessService } from './service.js';
export type { GateName, GateResult, Verdict } from './verdict.js';
