import { useQuery } from '@tanstack/react-query';
import { type AdminMarket, adminQueries } from '../api';
import { Chips } from '../components/Chips';
import { ErrorPanel, Loading } from '../components/Status';

export function MarketsPage() {
  const markets = useQuery(adminQueries.markets());
  return (
    <>
      <title>Markets — marketgate admin</title>
      <header className="page-header">
        <h1>Markets</h1>
        <p className="muted">
          Each market is a storefront: the countries it ships to, its money, its law and where its data may live.
        </p>
      </header>
      {markets.isPending ? <Loading what="markets" /> : null}
      {markets.isError ? <ErrorPanel error={markets.error} /> : null}
      {markets.data ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col">Countries</th>
                <th scope="col">Currency</th>
                <th scope="col">Locale</th>
                <th scope="col">Tax mode</th>
                <th scope="col">Jurisdiction</th>
                <th scope="col">Allowed regions</th>
              </tr>
            </thead>
            <tbody>
              {markets.data.markets.map((market) => (
                <tr key={market.code}>
                  <td>
                    <code>{market.code}</code>
                  </td>
                  <th scope="row">{market.name}</th>
                  <td>
                    <Countries market={market} />
                  </td>
                  <td>{market.currency}</td>
                  <td>
                    <code>{market.locale}</code>
                  </td>
                  <td>{market.taxMode}</td>
                  <td>{market.jurisdiction}</td>
                  <td>
                    <Chips items={market.allowedRegions} label={`Cloud regions allowed for ${market.name}`} />
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

// A market like the euro area spans twenty-odd countries: fold long lists so every row stays readable.
const FOLD_AFTER = 4;

function Countries({ market }: { market: AdminMarket }) {
  const label = `Countries of ${market.name}`;
  if (market.countries.length <= FOLD_AFTER) return <Chips items={market.countries} label={label} />;
  return (
    <details>
      <summary>{market.countries.length} countries</summary>
      <Chips items={market.countries} label={label} />
    </details>
  );
}
