import { useQuery } from '@tanstack/react-query';
import { ErrorPanel, Loading } from '../../components/Status';
import { useNow } from '../../storefront/flashsale/useNow';
import { AdmissionsChart } from './AdmissionsChart';
import { type FlashSale, flashSaleAdminQueries, STATE_TEXT } from './api';

/** A sale as it runs: its counts and admissions, read again every 2 seconds until nothing can change. */
export function SaleDashboard({ sale }: { sale: FlashSale }) {
  const now = useNow();
  const stats = useQuery({
    ...flashSaleAdminQueries.stats(sale.id),
    refetchInterval: (query) => (query.state.data?.state === 'ended' && query.state.data.held === 0 ? false : 2000),
  });

  if (!stats.data) return stats.isError ? <ErrorPanel error={stats.error} /> : <Loading what="the dashboard" />;
  const s = stats.data;
  const tiles = [
    { label: 'Remaining', value: s.remaining },
    { label: 'Held, paying now', value: s.held },
    { label: 'Paid', value: s.sold },
    { label: 'Expired unpaid', value: s.expired },
  ];
  return (
    <section className="panel sale-dashboard" aria-labelledby="dashboard-heading">
      <h2 id="dashboard-heading" className="sale-dashboard__heading">
        Dashboard <span className={`badge badge--${tone(s.state)}`}>{STATE_TEXT[s.state]}</span>
      </h2>
      {stats.isError ? <ErrorPanel error={stats.error} /> : null}
      <ul className="stats" aria-label="Counts">
        {tiles.map((tile) => (
          <li key={tile.label} className="stat">
            <span className="stat__value">{tile.value}</span>
            <span className="stat__label">{tile.label}</span>
          </li>
        ))}
      </ul>
      <p className="muted">
        {s.quantity} units in the sale: remaining + held + paid = {s.remaining + s.held + s.sold}.
      </p>
      <AdmissionsChart perSecond={s.admissionsPerSecond} now={now} />
    </section>
  );
}

export function tone(state: FlashSale['state']): string {
  if (state === 'live') return 'on';
  if (state === 'sold-out') return 'bad';
  if (state === 'ended') return 'off';
  return 'warn';
}
