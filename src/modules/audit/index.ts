// The audit module's public surface.
export { auditRoutes } from './routes.js';
export { AuditService } from './service.js';
export { registerAuditTrail } from './trail.js';
