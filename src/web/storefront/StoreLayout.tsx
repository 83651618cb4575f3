import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { storeQueries } from '../api';
import { CartLink } from './CartLink';
import { rememberMarket } from './marketMemory';

export function Brand({ to = '/' }: { to?: string }) {
  return (
    <Link className="brand" to={to}>
      <span className="brand__mark" aria-hidden="true">
        mi
      </span>
      <span className="brand__name">Mi Store</span>
    </Link>
  );
}

export function StoreFooter({ market }: { market?: string }) {
  return (
    <footer className="store-footer">
      <div className="container store-footer__inner">
        <span>Mi Store · runs on marketgate</span>
        {market ? (
          <Link to={`/${market}/orders/lookup`} className="store-footer__admin">
            Find your order
          </Link>
        ) : null}
        <Link to="/privacy/comments" className="store-footer__admin">
          Comment data
        </Link>
        <Link to="/admin" className="store-footer__admin">
          Staff console
        </Link>
      </div>
    </footer>
  );
}

/** A store page outside any market (a link from an email, a policy): the brand, the page, the footer. */
export function StandalonePage({ children }: { children: ReactNode }) {
  return (
    <div className="store">
      <header className="store-header">
        <div className="container store-header__inner">
          <Brand />
        </div>
      </header>
      <main className="container store-main">{children}</main>
      <StoreFooter />
    </div>
  );
}

function MarketPicker({ current }: { current: string }) {
  const markets = useQuery(storeQueries.markets());
  const navigate = useNavigate();
  const list = markets.data?.markets ?? [];
  const known = list.some((m) => m.code === current);
  return (
    <label className="market-picker">
      <span className="market-picker__label">Shipping to</span>
      <select
        value={known ? current : ''}
        disabled={markets.isPending}
        onChange={(event) => {
          const code = event.target.value;
          if (!code) return;
          rememberMarket(code);
          navigate(`/${code.toLowerCase()}`);
        }}
      >
        {known ? null : (
          <option value="" disabled>
            {markets.isPending ? 'Loading…' : 'Choose a market'}
          </option>
        )}
        {list.map((m) => (
          <option key={m.code} value={m.code}>
            {m.name} ({m.currency})
          </option>
        ))}
      </select>
    </label>
  );
}

export function StoreLayout() {
  const { market = '' } = useParams();
  const location = useLocation();

  // Market codes are lowercase in URLs; send /US/... to /us/... so there is one address per page.
  if (market !== market.toLowerCase()) {
    const rest = location.pathname.slice(market.length + 1);
    return <Navigate replace to={`/${market.toLowerCase()}${rest}${location.search}`} />;
  }

  return (
    <div className="store">
      <header className="store-header">
        <div className="container store-header__inner">
          <Brand to={`/${market}`} />
          <div className="store-header__tools">
            <MarketPicker current={market.toUpperCase()} />
            <CartLink market={market} />
          </div>
        </div>
      </header>
      <main className="container store-main">
        <Outlet />
      </main>
      <StoreFooter market={market} />
    </div>
  );
}
