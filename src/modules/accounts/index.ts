// The accounts module's public surface. The auth hook runs on every staff request.
export { registerAuth, SESSION_COOKIE } from './auth.js';
export { can, isRole, PERMISSIONS, type Permission, ROLE_PERMISSIONS, ROLES, type Role } from './permissions.js';
export { accountRoutes } from './routes.js';
export { AccountsService, type Actor, permissionsOf } from './service.js';
