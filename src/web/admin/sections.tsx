import type { ReactNode } from 'react';
import { AssortmentPage } from './AssortmentPage';
import { MarketsPage } from './MarketsPage';
import { ProductsPage } from './ProductsPage';

export interface AdminSection {
  /** Path under /admin. */
  path: string;
  /** Sidebar label, also the page heading. */
  label: string;
  /** One line for the overview and the sidebar tooltip. */
  summary: string;
  element: ReactNode;
}

// The admin console's pages, in sidebar order. A new page is one entry here: the sidebar and the
// routes are both built from this list.
export const adminSections: AdminSection[] = [
  {
    path: 'products',
    label: 'Products',
    summary: 'Catalog, SKUs and the services each product needs',
    element: <ProductsPage />,
  },
  {
    path: 'markets',
    label: 'Markets',
    summary: 'Storefronts, currencies, jurisdictions and cloud regions',
    element: <MarketsPage />,
  },
  { path: 'assortment', label: 'Assortment', summary: 'Which products each market lists', element: <AssortmentPage /> },
];
