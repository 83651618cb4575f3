// The readiness module's public surface. `evaluate` runs on the storefront's hot path, behind
// the storefront's cache (platform/cache.ts).
export { type Matrix, matrixCsv } from './matrix.js';
export { readinessRoutes } from './routes.js';
export { type DeploymentSource, type EvidenceSource, VERDICT_TOPICS } from './rows.js';
export { ReadinessService } from './service.js';
export { matrixTable } from './table.js';
export type { GateName, GateResult, PlanStep, Verdict } from './verdict.js';
