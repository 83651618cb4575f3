import type { ReactNode } from 'react';
import { AssortmentPage } from './AssortmentPage';
import { AuditPage } from './audit/AuditPage';
import type { Permission } from './auth/session';
import { MarketsPage } from './MarketsPage';
import { ProductsPage } from './ProductsPage';
import { UsersPage } from './users/UsersPage';

export interface AdminSection {
  /** Path under /admin. */
  path: string;
  /** Sidebar label, also the page heading. */
  label: string;
  /** One line for the overview and the sidebar tooltip. */
  summary: string;
  /** What the session must hold to see the entry and open the page; the server checks it again on every call. */
  permission: Permission;
  element: ReactNode;
}

// The admin console's pages, in sidebar order. A new page is one entry here: the sidebar, the overview
// and the routes are all built from this list.
export const adminSections: AdminSection[] = [
  {
    path: 'products',
    label: 'Products',
    summary: 'Catalog, SKUs and the services each product needs',
    permission: 'catalog:read',
    element: <ProductsPage />,
  },
  {
    path: 'markets',
    label: 'Markets',
    summary: 'Storefronts, currencies, jurisdictions and cloud regions',
    permission: 'markets:read',
    element: <MarketsPage />,
  },
  {
    path: 'assortment',
    label: 'Assortment',
    summary: 'Which products each market lists',
    permission: 'markets:read',
    element: <AssortmentPage />,
  },
  {
    path: 'users',
    label: 'Users',
    summary: 'Staff accounts, their roles, and API tokens',
    permission: 'users:manage',
    element: <UsersPage />,
  },
  {
    path: 'audit',
    label: 'Audit log',
    summary: 'Who did what, when, and from where',
    permission: 'audit:read',
    element: <AuditPage />,
  },
];

export function visibleSections(permissions: readonly Permission[]): AdminSection[] {
  return adminSections.filter((section) => permissions.includes(section.permission));
}
