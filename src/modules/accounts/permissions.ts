// Who may do what. The one permission table: routes declare the permission they need, the
// admin console hides what a role may not use, and docs/SECURITY.md prints this table.

export const ROLES = ['admin', 'compliance', 'merchandiser', 'moderator', 'support'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'catalog:read': 'see products, variants and categories',
  'catalog:write': 'create, change and delete products, variants and categories',
  'markets:read': 'see markets, their assortments, prices and shipping methods',
  'markets:write':
    "create and change markets, list and unlist products in a market's assortment, set its prices and shipping methods",
  'readiness:read': 'see verdicts, the product x market matrix and launch plans',
  'compliance:write': 'record and change certificates and their documents',
  'ecosystem:write': 'record cloud services, regions and deployments',
  'inventory:read': 'see stock locations and stock levels',
  'inventory:write': 'create and change stock locations, set and adjust stock',
  'flashsales:write': 'create and run flash sales',
  'comments:moderate': 'approve, mark as spam and delete comments',
  'spam-keys:manage': "create and revoke API keys for other sites' spam checks",
  'orders:read': 'see orders',
  'orders:write': 'fulfil, cancel and refund orders',
  'customers:read-pii': "see customers' personal data (names, emails, addresses)",
  'users:manage': 'create staff users, change their roles, issue and revoke API tokens',
  'audit:read': 'read the audit log',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const ALL = Object.keys(PERMISSIONS) as Permission[];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ALL,
  compliance: ['catalog:read', 'markets:read', 'readiness:read', 'compliance:write', 'ecosystem:write'],
  merchandiser: [
    'catalog:read',
    'catalog:write',
    'markets:read',
    'markets:write',
    'readiness:read',
    'inventory:read',
    'inventory:write',
    'flashsales:write',
    'orders:read',
  ],
  moderator: ['catalog:read', 'comments:moderate'],
  support: ['catalog:read', 'markets:read', 'inventory:read', 'orders:read', 'orders:write', 'customers:read-pii'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
