import { Chips } from '../../components/Chips';
import { formatDay } from '../../format';
import type { Finding, GateResult } from './api';
import { GATE_LABEL, GATE_MEANING } from './state';

const DAY_MS = 86_400_000;
/** A certificate this close to its expiry is flagged: the renewal takes longer than that. */
const EXPIRES_SOON_DAYS = 30;

/** One gate of a verdict: open or closed, why, and the facts behind it (what is missing first). */
export function GateSection({ gate, at }: { gate: GateResult; at: string }) {
  const id = `gate-${gate.gate}`;
  // The assortment gate's one finding repeats its reason word for word.
  const findings = gate.findings.filter((f) => !(gate.findings.length === 1 && f.text === gate.reason));
  const missing = findings.filter((f) => !f.ok);
  // A certificate about to expire is the next thing to close this gate: it stays in view, unfolded.
  const expiring = findings.filter((f) => f.ok && expiresWithin(f, at) !== null);
  const met = findings.filter((f) => f.ok && !expiring.includes(f));
  return (
    <section className={`gate gate--${gate.open ? 'open' : 'closed'}`} aria-labelledby={id}>
      <h4 id={id} className="gate__title">
        <span className={`badge ${gate.open ? 'badge--on' : 'badge--bad'}`}>{gate.open ? 'Open' : 'Closed'}</span>{' '}
        {GATE_LABEL[gate.gate]}
        <span className="gate__meaning muted">{GATE_MEANING[gate.gate]}</span>
      </h4>
      <p className="gate__reason">{gate.reason}</p>
      {missing.length > 0 ? <FindingList findings={missing} at={at} /> : null}
      {expiring.length > 0 ? <FindingList findings={expiring} at={at} /> : null}
      {met.length > 0 ? (
        // What is in order matters less than what needs doing: folded when anything else is shown, or it is long.
        missing.length + expiring.length > 0 || met.length > 2 ? (
          <details className="gate__met">
            <summary>
              {missing.length + expiring.length > 0 ? `${met.length} more` : met.length}{' '}
              {met.length === 1 ? 'requirement' : 'requirements'} met
            </summary>
            <FindingList findings={met} at={at} />
          </details>
        ) : (
          <FindingList findings={met} at={at} />
        )
      ) : null}
    </section>
  );
}

function FindingList({ findings, at }: { findings: Finding[]; at: string }) {
  return (
    <ul className="findings">
      {findings.map((finding) => (
        <li key={`${finding.subject} ${finding.text}`} className={`finding finding--${finding.ok ? 'ok' : 'missing'}`}>
          <span className="finding__icon" aria-hidden="true">
            {finding.ok ? '✓' : '✕'}
          </span>
          <div className="finding__body">
            <p className="finding__text">
              <span className="visually-hidden">{finding.ok ? 'Met: ' : 'Missing: '}</span>
              {finding.text}
            </p>
            <FindingFacts finding={finding} at={at} />
          </div>
        </li>
      ))}
    </ul>
  );
}

function FindingFacts({ finding, at }: { finding: Finding; at: string }) {
  const { citation, source, certificate, regions } = finding;
  if (!citation && !source && !certificate && !regions?.length) return null;
  return (
    <dl className="finding__facts">
      {citation ? (
        <div>
          <dt>Citation</dt>
          <dd>
            <cite>{citation}</cite>
          </dd>
        </div>
      ) : null}
      {source ? (
        <div>
          <dt>Source</dt>
          <dd>
            <a href={source} target="_blank" rel="noreferrer">
              {source.replace(/^https?:\/\//, '')}
            </a>
          </dd>
        </div>
      ) : null}
      {certificate ? (
        <div>
          <dt>Certificate</dt>
          <dd>
            {certificate.identifier ? (
              <code>{certificate.identifier}</code>
            ) : (
              <span className="muted">no identifier</span>
            )}
            {certificate.expiresOn ? (
              <Expiry finding={finding} day={certificate.expiresOn} at={at} />
            ) : (
              ', does not expire'
            )}
          </dd>
        </div>
      ) : null}
      {regions?.length ? (
        <div>
          <dt>{finding.ok ? 'Live in' : 'Live only in'}</dt>
          <dd>
            <Chips items={regions} label="Regions" />
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Days until the finding's certificate expires, when that is soon; null otherwise. */
function expiresWithin(finding: Finding, at: string): number | null {
  const day = finding.certificate?.expiresOn;
  if (!day) return null;
  const days = Math.ceil((Date.parse(`${day}T00:00:00Z`) - Date.parse(at)) / DAY_MS);
  return days >= 0 && days <= EXPIRES_SOON_DAYS ? days : null;
}

function Expiry({ finding, day, at }: { finding: Finding; day: string; at: string }) {
  const days = expiresWithin(finding, at);
  return (
    <>
      , expires <time dateTime={day}>{formatDay(day)}</time>
      {days !== null ? <span className="finding__soon">in {days === 1 ? '1 day' : `${days} days`}</span> : null}
    </>
  );
}
