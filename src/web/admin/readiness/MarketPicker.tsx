import { useEffect, useRef, useState } from 'react';

export interface MarketOption {
  code: string;
  name: string;
}

/**
 * Picks some of many markets: a disclosure with a checkbox per market, so forty markets take no more room
 * than nine. No market ticked means every market, so the last ticked one cannot be unticked.
 */
export function MarketPicker({
  markets,
  selected,
  onChange,
}: {
  markets: MarketOption[];
  /** Codes; empty for every market. */
  selected: string[];
  onChange: (codes: string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDetailsElement>(null);
  const all = selected.length === 0;
  const ticked = new Set(all ? markets.map((m) => m.code) : selected);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event instanceof PointerEvent && root.current?.contains(event.target as Node)) return;
      setOpen(false);
      if (event instanceof KeyboardEvent) root.current?.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const toggle = (code: string, on: boolean) => {
    const next = markets.map((m) => m.code).filter((c) => (c === code ? on : ticked.has(c)));
    // Every market ticked is the same view as no filter: keep the address short.
    onChange(next.length === markets.length ? [] : next);
  };

  const summary = all
    ? `All ${markets.length}`
    : selected.length <= 3
      ? markets
          .filter((m) => ticked.has(m.code))
          .map((m) => m.code)
          .join(', ')
      : `${selected.length} of ${markets.length}`;

  return (
    <div className="field">
      <span className="field__label" aria-hidden="true">
        Markets
      </span>
      <details ref={root} className="market-filter" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className="market-filter__summary">
          <span className="visually-hidden">Markets: </span>
          {summary}
        </summary>
        <fieldset className="market-filter__menu">
          <legend className="visually-hidden">Markets to show</legend>
          <div className="market-filter__actions">
            <button
              type="button"
              className="button button--ghost-dark button--small"
              disabled={all}
              onClick={() => onChange([])}
            >
              All markets
            </button>
          </div>
          <ul className="market-filter__list">
            {markets.map((market) => {
              const on = ticked.has(market.code);
              const last = on && ticked.size === 1;
              return (
                <li key={market.code}>
                  <label className="market-filter__option">
                    <input
                      type="checkbox"
                      checked={on}
                      disabled={last}
                      title={last ? 'At least one market stays shown' : undefined}
                      onChange={(event) => toggle(market.code, event.target.checked)}
                    />
                    <code>{market.code}</code>
                    <span>{market.name}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      </details>
    </div>
  );
}
