import { formatDateTime } from '../../format';
import { type FlashSale, type SaleState, STATE_TEXT } from './api';
import { countdown } from './useNow';

/** Where the sale stands, in words, and the time to its next moment: the start, or the end once it runs. */
export function SaleStatus({ sale, state, now }: { sale: FlashSale; state: SaleState; now: number }) {
  const starts = new Date(sale.startsAt).getTime();
  const ends = new Date(sale.endsAt).getTime();
  const before = state === 'scheduled' || state === 'registration';
  const target = before ? starts : ends;
  return (
    <div className={`sale-status sale-status--${state}`}>
      <p className="sale-status__state">{STATE_TEXT[state]}</p>
      {state === 'ended' ? (
        <p className="sale-status__when">The sale ended {formatDateTime(sale.endsAt)}.</p>
      ) : (
        <p className="sale-status__when">
          {before ? 'Starts in ' : 'Ends in '}
          <time role="timer" className="sale-status__clock" dateTime={before ? sale.startsAt : sale.endsAt}>
            {before && now >= starts ? 'a moment' : countdown(target - now)}
          </time>
          <span className="muted"> · {formatDateTime(before ? sale.startsAt : sale.endsAt)}</span>
        </p>
      )}
      {state === 'sold-out' ? (
        <p className="sale-status__note">
          Every unit is sold or held. A held unit that is not paid in time comes back to the sale, so it may open again
          until the end.
        </p>
      ) : null}
    </div>
  );
}
