import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { ErrorPanel, Loading } from '../../components/Status';
import { formatDateTime } from '../../format';
import { useCan } from '../auth/session';
import { type FlashSale, flashSaleAdminQueries, STATE_TEXT, saleTitle } from './api';
import { SaleDashboard, tone } from './SaleDashboard';
import { SaleForm } from './SaleForm';
import './flashsales.css';

const NEW = 'new';

/** Launch sales: the list, a new one, and each one's live dashboard and terms. */
export function FlashSalesPage() {
  const [params, setParams] = useSearchParams();
  const open = params.get('sale') ?? '';
  const canWrite = useCan('flashsales:write');
  // The counts in the list move during a sale; the open sale's dashboard polls faster.
  const sales = useQuery({ ...flashSaleAdminQueries.list(), refetchInterval: 10_000 });
  const show = (id: string) => setParams(id ? { sale: id } : {});
  const opened = sales.data?.sales.find((s) => s.id === open);

  return (
    <>
      <title>Flash sales — marketgate admin</title>
      <header className="page-header">
        <h1>Flash sales</h1>
        <p className="muted">
          Launch sales of a fixed number of units at a set price: the units are set aside from stock when the sale is
          created, each buyer gets at most the limit, and a unit not paid within the window goes back to the sale.
        </p>
      </header>
      {sales.isPending ? <Loading what="flash sales" /> : null}
      {sales.isError ? <ErrorPanel error={sales.error} /> : null}

      {open === NEW && canWrite ? (
        <section className="panel" aria-labelledby="new-sale-heading">
          <h2 id="new-sale-heading">New sale</h2>
          <SaleForm onSaved={(saved) => show(saved.id)} onCancel={() => show('')} />
        </section>
      ) : null}
      {opened ? <SaleDetail sale={opened} canWrite={canWrite} onClose={() => show('')} /> : null}
      {sales.data && open && open !== NEW && !opened ? (
        <div className="status status--error" role="alert">
          <p className="status__title">No such sale</p>
          <button type="button" className="button button--ghost-dark button--small" onClick={() => show('')}>
            Close
          </button>
        </div>
      ) : null}

      {sales.data ? (
        <section aria-labelledby="sales-heading">
          <div className="toolbar sale-list__toolbar">
            <h2 id="sales-heading">All sales</h2>
            {canWrite && open !== NEW ? (
              <button type="button" className="button button--primary" onClick={() => show(NEW)}>
                New sale
              </button>
            ) : null}
          </div>
          {sales.data.sales.length === 0 ? (
            <p className="empty">No flash sales yet.</p>
          ) : (
            <SaleTable sales={sales.data.sales} />
          )}
        </section>
      ) : null}
    </>
  );
}

function SaleTable({ sales }: { sales: FlashSale[] }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Flash sales">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Market</th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col">Starts</th>
            <th scope="col">Ends</th>
            <th scope="col">State</th>
            <th scope="col" className="num">
              Remaining / held / sold
            </th>
          </tr>
        </thead>
        <tbody>
          {sales.map((sale) => (
            <tr key={sale.id}>
              <th scope="row">
                <Link to={`?${new URLSearchParams({ sale: sale.id })}`}>{saleTitle(sale)}</Link>
                <span className="cell__sub muted">{sale.sku}</span>
              </th>
              <td>
                <code>{sale.market}</code>
              </td>
              <td className="num">{sale.price.formatted}</td>
              <td>{formatDateTime(sale.startsAt)}</td>
              <td>{formatDateTime(sale.endsAt)}</td>
              <td>
                <span className={`badge badge--${tone(sale.state)}`}>{STATE_TEXT[sale.state]}</span>
              </td>
              <td className="num">
                {sale.remaining} / {sale.held} / {sale.sold}
                <span className="cell__sub muted">of {sale.quantity}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SaleDetail({ sale, canWrite, onClose }: { sale: FlashSale; canWrite: boolean; onClose: () => void }) {
  return (
    <div className="sale-detail">
      <div className="toolbar">
        <h2>
          {saleTitle(sale)} <span className="muted">in {sale.market}</span>
        </h2>
        <a href={`/${sale.market.toLowerCase()}/flash-sales/${sale.id}`} target="_blank" rel="noreferrer">
          The sale's page
        </a>
        <button type="button" className="button button--ghost-dark button--small" onClick={onClose}>
          Close
        </button>
      </div>
      <SaleDashboard sale={sale} />
      {canWrite ? (
        <section className="panel" aria-labelledby="terms-heading">
          <h2 id="terms-heading">Terms</h2>
          <SaleForm key={sale.id} sale={sale} onSaved={() => {}} />
        </section>
      ) : null}
    </div>
  );
}
