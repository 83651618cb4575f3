import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { ErrorPanel, Loading } from '../../components/Status';
import { formatDateTime, formatDay } from '../../format';
import { readinessQueries, type Verdict } from './api';
import { ChangesList } from './ChangesList';
import { GateSection } from './GateSection';
import { LaunchPlan } from './LaunchPlan';
import { STATE_SYMBOL, stateOf } from './state';

/** One verdict in full: its three gates with their findings, the launch plan, and how the verdict got here. */
export function VerdictPanel({
  product,
  market,
  at,
  onClose,
}: {
  product: { slug: string; name: string };
  market: { code: string; name: string };
  /** A day, or empty for now. */
  at: string;
  onClose: () => void;
}) {
  const detail = useQuery(readinessQueries.verdict(product.slug, market.code, at));
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a verdict takes the reader to it (on narrow screens it sits below the matrix). The page mounts a
  // new panel for each verdict, so this runs once per verdict opened.
  useEffect(() => heading.current?.focus(), []);

  const changesQuery = new URLSearchParams({ product: product.slug, market: market.code });
  return (
    <section
      id="verdict-panel"
      className="verdict-panel"
      aria-labelledby="verdict-panel-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header className="verdict-panel__header">
        <h2 id="verdict-panel-title" ref={heading} tabIndex={-1}>
          {product.name} in {market.name}
        </h2>
        <button type="button" className="verdict-panel__close" aria-label="Close the verdict" onClick={onClose}>
          ×
        </button>
      </header>
      {detail.isPending ? <Loading what="the verdict" /> : null}
      {detail.isError ? <ErrorPanel error={detail.error} /> : null}
      {detail.data ? (
        <>
          <Summary verdict={detail.data.verdict} at={detail.data.at} day={at} />
          <section aria-labelledby="verdict-gates">
            <h3 id="verdict-gates">Gates</h3>
            {detail.data.verdict.gates.map((gate) => (
              <GateSection key={gate.gate} gate={gate} at={detail.data.at} />
            ))}
          </section>
          <section aria-labelledby="verdict-plan">
            <h3 id="verdict-plan">Launch plan</h3>
            <LaunchPlan plan={detail.data.verdict.plan} />
          </section>
        </>
      ) : null}
      <section aria-labelledby="verdict-changes">
        <h3 id="verdict-changes">Verdict changes</h3>
        <ChangesList
          filter={{ product: product.slug, market: market.code }}
          pageSize={5}
          label={`Verdict changes of ${product.name} in ${market.name}`}
        />
        <p className="verdict-panel__more">
          <Link to={`/admin/verdict-changes?${changesQuery}`}>All changes of this verdict</Link>
        </p>
      </section>
    </section>
  );
}

function Summary({ verdict, at, day }: { verdict: Verdict; at: string; day: string }) {
  const state = stateOf(verdict);
  const undated = verdict.plan.filter((step) => !step.on).length;
  return (
    <div className={`verdict-summary verdict-cell--${state}`}>
      <p className="verdict-summary__state">
        <span aria-hidden="true">{STATE_SYMBOL[state]}</span> {state === 'sellable' ? 'Sellable' : 'Blocked'}
        <span className="verdict-summary__at">
          as of <time dateTime={at}>{day ? formatDay(day) : formatDateTime(at)}</time>
        </span>
      </p>
      <p className="verdict-summary__earliest">
        {state === 'sellable'
          ? 'Every gate is open.'
          : verdict.earliest
            ? `Earliest: ${formatDay(verdict.earliest)}, when the last dated step completes.`
            : `Earliest: no date yet. ${undated} ${undated === 1 ? 'step has' : 'steps have'} no date.`}
      </p>
    </div>
  );
}
