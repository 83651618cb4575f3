import type { ShippingMethod } from './api';

function days(method: ShippingMethod): string | null {
  const { minDays: min, maxDays: max } = method;
  if (min === null && max === null) return null;
  if (min === null || max === null || min === max) return `${max ?? min} ${(max ?? min) === 1 ? 'day' : 'days'}`;
  return `${min}–${max} days`;
}

/** The market's ways of delivering, each with its charge for this basket (free above a subtotal). */
export function ShippingMethods({
  methods,
  value,
  subtotal,
  errors,
  onChange,
}: {
  methods: ShippingMethod[];
  value: string;
  /** The goods' subtotal in minor units: some methods are free from an amount. */
  subtotal: number;
  errors: readonly string[];
  onChange: (code: string) => void;
}) {
  return (
    <fieldset
      className={`shipping-methods${errors.length > 0 ? ' shipping-methods--invalid' : ''}`}
      aria-describedby={errors.length > 0 ? 'shipping-method-error' : undefined}
    >
      <legend className="checkout__legend">Delivery</legend>
      {methods.map((method) => {
        const free = method.freeAbove !== null && subtotal >= method.freeAbove;
        const time = days(method);
        return (
          <label key={method.code} className="shipping-method">
            <input
              type="radio"
              name="shipping-method"
              value={method.code}
              checked={value === method.code}
              onChange={() => onChange(method.code)}
            />
            <span className="shipping-method__name">{method.name}</span>
            <span className="shipping-method__price">{free || method.amount === 0 ? 'Free' : method.formatted}</span>
            <span className="shipping-method__meta muted">
              {time ? `Arrives in ${time}` : null}
              {time && method.freeAboveFormatted && !free ? ' · ' : null}
              {method.freeAboveFormatted && !free ? `Free from ${method.freeAboveFormatted}` : null}
            </span>
          </label>
        );
      })}
      {errors.length > 0 ? (
        <p id="shipping-method-error" className="field__error">
          {errors.join('; ')}
        </p>
      ) : null}
    </fieldset>
  );
}
