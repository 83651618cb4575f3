import { createBrowserRouter } from 'react-router';
import { AdminLayout } from './admin/AdminLayout';
import { LoginPage } from './admin/auth/LoginPage';
import { RequirePermission } from './admin/auth/RequirePermission';
import { Overview } from './admin/Overview';
import { adminSections } from './admin/sections';
import { NotFound } from './components/NotFound';
import { CartPage } from './storefront/CartPage';
import { CheckoutPage } from './storefront/CheckoutPage';
import { CommentDataPage } from './storefront/discussion/CommentDataPage';
import { PrivacyPage } from './storefront/discussion/PrivacyPage';
import { SaleCheckoutPage } from './storefront/flashsale/SaleCheckoutPage';
import { SaleLinkPage } from './storefront/flashsale/SaleLinkPage';
import { SalePage } from './storefront/flashsale/SalePage';
import { Home } from './storefront/Home';
import { MarketPage } from './storefront/MarketPage';
import { OrderLookupPage } from './storefront/OrderLookupPage';
import { OrderPage } from './storefront/OrderPage';
import { PaymentPage } from './storefront/PaymentPage';
import { ProductPage } from './storefront/ProductPage';
import { StoreLayout } from './storefront/StoreLayout';
import { UnsubscribePage } from './storefront/UnsubscribePage';

export const router = createBrowserRouter([
  { path: '/', element: <Home /> },
  { path: '/unsubscribe', element: <UnsubscribePage /> },
  { path: '/privacy/comments', element: <PrivacyPage /> },
  { path: '/comment-data', element: <CommentDataPage /> },
  { path: '/flash-sales/:id', element: <SaleLinkPage /> },
  { path: '/admin/login', element: <LoginPage /> },
  {
    path: '/admin',
    element: <AdminLayout />,
    children: [
      { index: true, element: <Overview /> },
      ...adminSections.map((section) => ({
        path: section.path,
        element: (
          <RequirePermission permission={section.permission} page={section.label}>
            {section.element}
          </RequirePermission>
        ),
      })),
      { path: '*', element: <NotFound home="/admin" /> },
    ],
  },
  {
    path: '/:market',
    element: <StoreLayout />,
    children: [
      { index: true, element: <MarketPage /> },
      { path: 'products/:slug', element: <ProductPage /> },
      { path: 'cart', element: <CartPage /> },
      { path: 'checkout', element: <CheckoutPage /> },
      { path: 'flash-sales/:id', element: <SalePage /> },
      { path: 'flash-sales/:id/checkout', element: <SaleCheckoutPage /> },
      { path: 'orders/lookup', element: <OrderLookupPage /> },
      { path: 'orders/:id', element: <OrderPage /> },
      { path: 'orders/:id/pay', element: <PaymentPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
