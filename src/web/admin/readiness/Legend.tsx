import { GATES } from './api';
import { GATE_LABEL, GATE_LETTER, GATE_MEANING, STATE_SYMBOL, type VerdictState } from './state';

const STATES: Array<{ state: VerdictState; label: string }> = [
  { state: 'sellable', label: 'Sellable' },
  { state: 'dated', label: 'Blocked until the date shown' },
  { state: 'blocked', label: 'Blocked, no date yet' },
];

export function Legend() {
  return (
    <section className="legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading" className="visually-hidden">
        Legend
      </h2>
      <ul className="legend__list">
        {STATES.map(({ state, label }) => (
          <li key={state} className="legend__item">
            <span className={`legend__swatch verdict-cell--${state}`} aria-hidden="true">
              {STATE_SYMBOL[state]}
            </span>
            {label}
          </li>
        ))}
        <li className="legend__item">
          <span className="legend__gates">
            {GATES.map((gate) => (
              <abbr key={gate} className="verdict-cell__gate" title={`${GATE_LABEL[gate]}: ${GATE_MEANING[gate]}`}>
                {GATE_LETTER[gate]}
              </abbr>
            ))}
          </span>
          Closed gate: {GATES.map((gate) => GATE_LABEL[gate].toLowerCase()).join(', ')}
        </li>
      </ul>
    </section>
  );
}
