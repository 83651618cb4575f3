import { useState } from 'react';
import { type MarketOption, MarketPicker } from './MarketPicker';
import type { ReadinessView } from './params';

/** Which markets and products the matrix shows, and on which day. */
export function Filters({
  view,
  markets,
  today,
  csvUrl,
  onChange,
}: {
  view: ReadinessView;
  markets: MarketOption[];
  /** The day "now" is on the server, once the matrix has said. */
  today: string | undefined;
  /** The download of the current view; absent when it would hold nothing. */
  csvUrl: string | undefined;
  onChange: (change: Partial<ReadinessView>) => void;
}) {
  // Typed into locally: the address follows each keystroke, but never feeds the field back while typing.
  // When the address changes by other means (the sidebar link, back), the field follows it.
  const [q, setQ] = useState(view.q);
  const [seen, setSeen] = useState(view.q);
  if (view.q !== seen) {
    setSeen(view.q);
    if (view.q !== q.trim()) setQ(view.q);
  }
  return (
    <search className="toolbar readiness-filters" aria-label="Filter the matrix">
      <MarketPicker markets={markets} selected={view.markets} onChange={(codes) => onChange({ markets: codes })} />
      <label className="field readiness-filters__product">
        <span className="field__label">Product</span>
        <input
          type="search"
          value={q}
          placeholder="Name or slug"
          spellCheck={false}
          onChange={(event) => {
            setQ(event.target.value);
            onChange({ q: event.target.value.trim() });
          }}
        />
      </label>
      <div className="field">
        <label className="field__label" htmlFor="readiness-at">
          As of
        </label>
        <span className="readiness-filters__day">
          <input
            id="readiness-at"
            type="date"
            value={view.at || today || ''}
            aria-describedby="readiness-at-hint"
            onChange={(event) => onChange({ at: event.target.value })}
          />
          {view.at ? (
            <button
              type="button"
              className="button button--ghost-dark button--small"
              onClick={() => onChange({ at: '' })}
            >
              Now
            </button>
          ) : null}
        </span>
        <span id="readiness-at-hint" className="visually-hidden">
          {view.at ? 'Verdicts at the start of this day, UTC.' : 'Verdicts now.'}
        </span>
      </div>
      {csvUrl ? (
        <a className="button button--ghost-dark readiness-filters__csv" href={csvUrl} download>
          Download CSV
        </a>
      ) : null}
    </search>
  );
}
