import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { adminQueries } from '../api';
import { ErrorPanel, Loading } from '../components/Status';
import { useSession } from './auth/session';
import { visibleSections } from './sections';

export function Overview() {
  const session = useSession();
  const seesCatalog = session.permissions.includes('catalog:read');
  const seesMarkets = session.permissions.includes('markets:read');
  // Ask only for what this role may read: a support agent's overview is not a wall of 403s.
  const products = useQuery({ ...adminQueries.products(), enabled: seesCatalog });
  const markets = useQuery({ ...adminQueries.markets(), enabled: seesMarkets });
  const sections = visibleSections(session.permissions);

  return (
    <>
      <title>Overview — marketgate admin</title>
      <header className="page-header">
        <h1>Overview</h1>
        <p className="muted">{summary(seesCatalog, seesMarkets)}</p>
      </header>

      {seesCatalog || seesMarkets ? (
        <ul className="stats" aria-label="Totals">
          {seesCatalog ? (
            <li className="stat">
              <span className="stat__value">{products.data ? products.data.products.length : '…'}</span>
              <Link className="stat__label" to="/admin/products">
                Products
              </Link>
            </li>
          ) : null}
          {seesMarkets ? (
            <li className="stat">
              <span className="stat__value">{markets.data ? markets.data.markets.length : '…'}</span>
              <Link className="stat__label" to="/admin/markets">
                Markets
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
      {products.isError ? <ErrorPanel error={products.error} /> : null}

      {seesMarkets ? <ListedPerMarket productCount={products.data?.products.length} /> : null}

      <section className="panel" aria-labelledby="sections-heading">
        <h2 id="sections-heading">Sections</h2>
        {sections.length === 0 ? <p className="muted">Your role opens no sections yet.</p> : null}
        <ul className="grid grid--sections">
          {sections.map((section) => (
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

/** What the overview shows, in the words of what this role can see. */
function summary(seesCatalog: boolean, seesMarkets: boolean): string {
  if (seesCatalog && seesMarkets) return 'The catalog and the markets it is sold in.';
  if (seesCatalog) return 'The catalog, and the sections your role can open.';
  if (seesMarkets) return 'The markets, what is listed in each, and the sections your role can open.';
  return 'The sections your role can open.';
}

function ListedPerMarket({ productCount }: { productCount: number | undefined }) {
  const canEdit = useSession().permissions.includes('markets:write');
  const markets = useQuery(adminQueries.markets());
  const codes = markets.data?.markets.map((m) => m.code) ?? [];
  const assortments = useQueries({ queries: codes.map((code) => adminQueries.assortment(code)) });
  return (
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
                        ? `${assortment.data.listings.length}${productCount === undefined ? '' : ` of ${productCount}`}`
                        : assortment?.isError
                          ? assortment.error.message
                          : '…'}
                    </td>
                    <td className="actions">
                      <Link to={`/admin/assortment?market=${market.code}`}>
                        {canEdit ? 'Edit assortment' : 'View assortment'}
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
