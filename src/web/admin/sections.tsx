import type { ReactNode } from 'react';
import { AssortmentPage } from './AssortmentPage';
import { AuditPage } from './audit/AuditPage';
import type { Permission } from './auth/session';
import { CertificatesPage } from './certificates/CertificatesPage';
import { CommentsPage } from './comments/CommentsPage';
import { HeldBadge } from './comments/HeldBadge';
import { EcosystemPage } from './ecosystem/EcosystemPage';
import { FlashSalesPage } from './flashsales/FlashSalesPage';
import { MarketsPage } from './MarketsPage';
import { OrdersPage } from './orders/OrdersPage';
import { ProductsPage } from './ProductsPage';
import { ChangesPage } from './readiness/ChangesPage';
import { DemandPage } from './readiness/DemandPage';
import { ReadinessPage } from './readiness/ReadinessPage';
import { SpamKeysPage } from './spamkeys/SpamKeysPage';
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
  /** Shown beside the sidebar label: what waits there (held comments). */
  badge?: ReactNode;
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
    path: 'orders',
    label: 'Orders',
    summary: 'What shoppers bought: payments, shipping, cancellations and refunds',
    permission: 'orders:read',
    element: <OrdersPage />,
  },
  {
    path: 'flash-sales',
    label: 'Flash sales',
    summary: 'Launch sales of a few units: registration, the rush, and who paid',
    permission: 'markets:read',
    element: <FlashSalesPage />,
  },
  {
    path: 'readiness',
    label: 'Readiness',
    summary: 'May each product be sold in each market, and if not, why not',
    permission: 'readiness:read',
    element: <ReadinessPage />,
  },
  {
    path: 'verdict-changes',
    label: 'Verdict changes',
    summary: 'When each verdict changed, from what to what, and why',
    permission: 'readiness:read',
    element: <ChangesPage />,
  },
  {
    path: 'demand',
    label: 'Demand',
    summary: 'Shoppers waiting to hear when a product opens in their market',
    permission: 'readiness:read',
    element: <DemandPage />,
  },
  {
    path: 'certificates',
    label: 'Certificates',
    summary: 'The compliance evidence on file, what it covers and when it expires',
    permission: 'readiness:read',
    element: <CertificatesPage />,
  },
  {
    path: 'ecosystem',
    label: 'Services & regions',
    summary: 'Cloud services, their regions and deployments, and the markets each serves',
    permission: 'readiness:read',
    element: <EcosystemPage />,
  },
  {
    path: 'comments',
    label: 'Comments',
    summary: 'Product discussions: the comments the spam filter held, approve, mark as spam, delete, reply',
    permission: 'comments:moderate',
    element: <CommentsPage />,
    badge: <HeldBadge />,
  },
  {
    path: 'spam-keys',
    label: 'Spam API keys',
    summary: "Keys for other sites' Akismet plugins to use our spam filter, and what each one checked",
    permission: 'spam-keys:manage',
    element: <SpamKeysPage />,
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
