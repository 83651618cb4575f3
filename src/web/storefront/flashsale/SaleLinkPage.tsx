import { useQuery } from '@tanstack/react-query';
import { Navigate, useLocation, useParams } from 'react-router';
import { isNotFound } from '../../api';
import { ErrorPanel, Loading } from '../../components/Status';
import { Brand, StoreFooter } from '../StoreLayout';
import { flashSaleQueries } from './api';
import { SaleNotFound } from './SalePage';

/**
 * Where the emailed link lands (/flash-sales/:id?registration=…): the email does not name the
 * market's page, so the sale is read and the buyer sent on to it, the query kept.
 */
export function SaleLinkPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const sale = useQuery(flashSaleQueries.sale(id));
  if (sale.isSuccess) {
    return <Navigate replace to={`/${sale.data.market.toLowerCase()}/flash-sales/${id}${location.search}`} />;
  }
  return (
    <div className="store">
      <header className="store-header">
        <div className="container store-header__inner">
          <Brand />
        </div>
      </header>
      <main className="container store-main">
        {sale.isPending ? <Loading what="the sale" /> : null}
        {isNotFound(sale.error) ? <SaleNotFound market="" /> : sale.isError ? <ErrorPanel error={sale.error} /> : null}
      </main>
      <StoreFooter />
    </div>
  );
}
