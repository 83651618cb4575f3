import type { SaleCounts } from './api';

/**
 * The units of a sale as one bar: sold, held for buyers who are paying, and still to be had. Drawn
 * in SVG, whose widths are attributes: the Content-Security-Policy allows no inline styles.
 */
export function RemainingBar({ counts }: { counts: SaleCounts }) {
  const { quantity, remaining, held, sold } = counts;
  const share = (n: number) => (quantity > 0 ? (n / quantity) * 100 : 0);
  const parts = [
    { key: 'sold', width: share(sold) },
    { key: 'held', width: share(held) },
    { key: 'remaining', width: share(remaining) },
  ];
  let x = 0;
  return (
    <div className="sale-bar">
      <p className="sale-bar__count" aria-live="polite">
        <strong>{remaining === 0 ? 'None' : remaining}</strong> of {quantity} left
      </p>
      <svg
        className="sale-bar__track"
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
        role="img"
        aria-label={`${remaining} of ${quantity} units left: ${held} held for buyers paying now, ${sold} sold`}
      >
        {parts.map((part) => {
          const rect = (
            <rect key={part.key} className={`sale-bar__${part.key}`} x={x} y={0} width={part.width} height={10} />
          );
          x += part.width;
          return rect;
        })}
      </svg>
      <p className="sale-bar__legend muted">
        <span className="sale-bar__key sale-bar__key--sold" aria-hidden="true" /> {sold} sold
        <span className="sale-bar__key sale-bar__key--held" aria-hidden="true" /> {held} held for buyers paying now
      </p>
    </div>
  );
}
