// Flash sales: limited units at a set time, admitted exactly under a rush (database or Redis engine).
export { DatabaseEngine } from './database-engine.js';
export type { Admission, AdmissionEngine, AdmissionResult, AdmitRequest, Refusal } from './engine.js';
export { Handoff } from './handoff.js';
export { RedisEngine } from './redis-engine.js';
export { FlashSaleKeys } from './redis-scripts.js';
export { flashSaleRoutes } from './routes.js';
export { type Counts, type FlashSale, type SaleTerms, saleState } from './sale.js';
export { FlashSaleService, type OrderableUnit, type SaleUnit, type SaleView } from './service.js';
