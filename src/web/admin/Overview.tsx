import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { adminQueries } from '../api';
import { ErrorPanel, Loading } from '../components/Status';
import { adminSections } from './sections';

export function Overview() {
  const products = useQuery(adminQueries.products());
  const markets = useQuery(adminQueries.markets());
  const codes = markets.data?.markets.map((m) => m.code) ?? [];
  const assortments = useQueries({ queries: codes.map((code) => adminQueries.assortment(code)) });

  return (
    <>
      <title>Overview — marketgate admin</title>
      <header className="page-header">
        <h1>Overview</h1>
        <p className="muted">The catalog and the markets it is sold in.</p>
      </header>

      <ul className="stats" aria-label="Totals">
        <li className="stat">
          <span className="stat__value">{products.data ? products.data.products.length : '…'}</span>
          <Link className="stat__label" to="/admin/products">
            Products
          </Link>
        </li>
        <li className="stat">
          <span className="stat__value">{markets.data ? markets.data.markets.length : '…'}</span>
          <Link className="stat__label" to="/admin/markets">
            Markets
          </Link>
        </li>
      </ul>
      {products.isError ? <ErrorPanel error={products.error} /> : null}

      <section className="panel" aria-labelledby="listed-heading">
        <h2 id="listed-heading">Listed products per market</h2>
        {markets.isPending ? <Loading what="markets" /> : null}
        {markets.isError ? <ErrorPanel error={markets.error} /> : null}
        {markets.data ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Market</th>
                  <th scope="col">Name</th>
                  <th scope="col" className="num">
                    Listed products
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {markets.data.markets.map((market, i) => {
                  const assortment = assortments[i];
                  return (
                    <tr key={market.code}>
                      <td>
                        <code>{market.code}</code>
                      </td>
                      <td>{market.name}</td>
                      <td className="num">
                        {assortment?.data
                          ? `${assortment.data.listings.length}${products.data ? ` of ${products.data.products.length}` : ''}`
                          : assortment?.isError
                            ? assortment.error.message
                            : '…'}
                      </td>
                      <td className="actions">
                        <Link to={`/admin/assortment?market=${market.code}`}>Edit assortment</Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="sections-heading">
        <h2 id="sections-heading">Sections</h2>
        <ul className="grid grid--sections">
          {adminSections.map((section) => (
            <li key={section.path}>
              <Link className="card card--section" to={`/admin/${section.path}`}>
                <span className="card__title">{section.label}</span>
                <span className="card__meta">{section.summary}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
