import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorPanel, Loading } from '../../components/Status';
import { readinessQueries } from './api';
import { cellKey } from './params';

/** How many shoppers asked to hear when a product opens in their market: launch planning's demand signal. */
export function DemandPage() {
  const demand = useQuery(readinessQueries.demand());
  return (
    <>
      <title>Demand — marketgate admin</title>
      <header className="page-header">
        <h1>Demand</h1>
        <p className="muted">
          Shoppers who asked, on a product page, to be emailed when the product can be bought in their market. Each is
          emailed once, when its verdict opens; unsubscribed requests are not counted.
        </p>
      </header>
      {demand.isPending ? <Loading what="demand" /> : null}
      {demand.isError ? <ErrorPanel error={demand.error} /> : null}
      {demand.data?.demand.length === 0 ? (
        <p className="empty">Nobody has asked to be told about a product yet.</p>
      ) : null}
      {demand.data && demand.data.demand.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Market</th>
                <th scope="col" className="num">
                  Waiting
                </th>
                <th scope="col" className="num">
                  Notified
                </th>
                <th scope="col">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {demand.data.demand.map((row) => (
                <tr key={`${row.product.id} ${row.market}`}>
                  <th scope="row">{row.product.name}</th>
                  <td>
                    <code>{row.market}</code>
                  </td>
                  <td className="num">{row.waiting}</td>
                  <td className="num">{row.notified}</td>
                  <td>
                    <Link
                      to={`/admin/readiness?${new URLSearchParams({ market: row.market, cell: cellKey(row.product.slug, row.market) })}`}
                    >
                      See the verdict
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
