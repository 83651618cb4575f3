import { type FormEvent, useState } from 'react';
import type { AdminMarket } from '../../api';
import { humanize } from '../../format';
import { ORDER_STATUSES, type OrderFilter, type OrderStatus } from './api';

/** Market and status apply as soon as they are chosen; the email when the form is sent. */
export function OrderFilters({
  initial,
  markets,
  onApply,
}: {
  initial: OrderFilter;
  markets: readonly AdminMarket[];
  onApply: (filter: OrderFilter) => void;
}) {
  // Local state, set in the handlers themselves: the address (and so `initial`) changes a tick later.
  const [filter, setFilter] = useState(initial);
  const change = (next: Partial<OrderFilter>, apply: boolean) => {
    const merged = { ...filter, ...next };
    setFilter(merged);
    if (apply) onApply(merged);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({ ...filter, email: filter.email.trim() });
  };
  const filtered = Boolean(initial.market || initial.status || initial.email);
  return (
    <form className="form form--inline toolbar" onSubmit={submit} aria-label="Filter orders">
      <label className="field">
        <span className="field__label">Market</span>
        <select value={filter.market} onChange={(e) => change({ market: e.target.value }, true)}>
          <option value="">All markets</option>
          {markets.map((m) => (
            <option key={m.code} value={m.code}>
              {m.code} — {m.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Status</span>
        <select value={filter.status} onChange={(e) => change({ status: e.target.value as OrderStatus | '' }, true)}>
          <option value="">Any status</option>
          {ORDER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {humanize(status)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Customer email</span>
        <input
          type="email"
          value={filter.email}
          placeholder="name@example.com"
          onChange={(e) => change({ email: e.target.value }, false)}
        />
      </label>
      <button className="button button--primary" type="submit">
        Filter
      </button>
      {filtered ? (
        <button
          type="button"
          className="button button--ghost-dark"
          onClick={() => change({ market: '', status: '', email: '' }, true)}
        >
          Clear
        </button>
      ) : null}
    </form>
  );
}
