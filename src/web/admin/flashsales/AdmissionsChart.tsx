import { formatTime } from '../../format';
import type { SaleStats } from './api';

const SECONDS = 60;
const WIDTH = 600;
const HEIGHT = 140;
const SLOT = WIDTH / SECONDS;
const TEN_MINUTES = 600_000;

/**
 * Admissions per second over one minute, as bars. The minute ends now, or at the last admission when
 * this browser's clock is far from the server's (the server only reports seconds with admissions).
 */
export function AdmissionsChart({ perSecond, now }: { perSecond: SaleStats['admissionsPerSecond']; now: number }) {
  const counts = new Map(perSecond.map((p) => [Math.floor(new Date(p.at).getTime() / 1000), p.admissions]));
  const last = Math.max(0, ...counts.keys());
  const nowSecond = Math.floor(now / 1000);
  const end = last > 0 && (nowSecond < last || (nowSecond - last) * 1000 > TEN_MINUTES) ? last : nowSecond;
  const seconds = Array.from({ length: SECONDS }, (_, i) => end - SECONDS + 1 + i);
  const shown = seconds.map((s) => counts.get(s) ?? 0);
  const peak = Math.max(1, ...shown);
  const total = perSecond.reduce((sum, p) => sum + p.admissions, 0);
  const inMinute = shown.reduce((sum, n) => sum + n, 0);
  const iso = (second: number) => new Date(second * 1000).toISOString();

  return (
    <figure className="admissions-chart">
      <figcaption>
        <strong>Admissions per second</strong>{' '}
        <span className="muted">
          · {inMinute} in the minute shown, peak {Math.max(...shown)}/s · {total} in the last 10 minutes
        </span>
      </figcaption>
      <div className="admissions-chart__plot">
        <span className="admissions-chart__peak muted" aria-hidden="true">
          {peak}
        </span>
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`Admissions per second from ${formatTime(iso(seconds[0]!))} to ${formatTime(iso(end))}: ${inMinute} in all, at most ${Math.max(...shown)} in one second`}
        >
          <line className="admissions-chart__axis" x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} />
          {shown.map((n, i) =>
            n > 0 ? (
              <rect
                key={seconds[i]}
                className="admissions-chart__bar"
                x={i * SLOT + 1}
                y={HEIGHT - (n / peak) * (HEIGHT - 4)}
                width={SLOT - 2}
                height={(n / peak) * (HEIGHT - 4)}
              >
                <title>{`${formatTime(iso(seconds[i]!))}: ${n}`}</title>
              </rect>
            ) : null,
          )}
        </svg>
      </div>
      <div className="admissions-chart__times muted" aria-hidden="true">
        <span>{formatTime(iso(seconds[0]!))}</span>
        <span>{formatTime(iso(end))}</span>
      </div>
    </figure>
  );
}
