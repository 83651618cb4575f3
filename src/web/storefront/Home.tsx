import { useQuery } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router';
import { storeQueries } from '../api';
import { ErrorPanel, Loading } from '../components/Status';
import { plural } from '../format';
import { rememberedMarket } from './marketMemory';
import { Brand, StoreFooter } from './StoreLayout';

export function Home() {
  const remembered = rememberedMarket();
  if (remembered) return <Navigate to={`/${remembered}`} replace />;

  return (
    <div className="store">
      <header className="store-header">
        <div className="container store-header__inner">
          <Brand />
        </div>
      </header>
      <main className="container store-main">
        <title>Mi Store — choose your market</title>
        <section className="hero">
          <h1>Where are you shopping from?</h1>
          <p className="lede">Choose your market to see the products we sell there, in your currency.</p>
        </section>
        <MarketCards />
      </main>
      <StoreFooter />
    </div>
  );
}

export function MarketCards() {
  const markets = useQuery(storeQueries.markets());
  if (markets.isPending) return <Loading what="markets" />;
  if (markets.isError) return <ErrorPanel error={markets.error} />;
  if (markets.data.markets.length === 0) return <p className="empty">No markets are open yet.</p>;
  return (
    <ul className="grid grid--markets" aria-label="Markets">
      {markets.data.markets.map((market) => (
        <li key={market.code}>
          <Link className="card card--market" to={`/${market.code.toLowerCase()}`}>
            <span className="card--market__code" aria-hidden="true">
              {market.code}
            </span>
            <span className="card__title">{market.name}</span>
            <span className="card__meta">
              {market.currency} · {plural(market.countries.length, 'country', 'countries')}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
