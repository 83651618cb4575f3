import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { hasStatus } from '../api';
import { Field, fieldIssues, messagesFor } from '../components/Field';
import { useIdempotencyKey } from '../idempotency';
import { type CardInput, commerceCommands, declined, type Order } from './api';
import { ShopperProblem } from './ShopperProblem';

const FIELDS = ['card.number', 'card.expMonth', 'card.expYear', 'card.cvc'] as const;
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** "must be 12 to 19 digits" -> "Must be 12 to 19 digits": the card checks name the field by position. */
const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

// The request schema's own messages are written for programmers ("must NOT have fewer than 1
// characters"); the card checks' are for shoppers.
const SCHEMA_WORDING: Partial<Record<string, string>> = {
  'card.number': 'Enter the card number',
  'card.cvc': 'Enter the security code from the back of the card',
};

const wording = (field: string, message: string) =>
  message.startsWith('must NOT') ? (SCHEMA_WORDING[field] ?? sentence(message)) : sentence(message);

/**
 * The card for an order waiting for payment. A declined card leaves the order open: the shopper is
 * told why and can try another card at once.
 */
export function CardForm({
  order,
  total,
  onPaid,
  onDeclined,
  onConflict,
}: {
  order: Order;
  /** The amount to pay, formatted. */
  total: string;
  onPaid: (order: Order) => void;
  onDeclined: (order: Order) => void;
  /** The order can no longer be paid (its hold ran out, it was cancelled): read it again. */
  onConflict: () => void;
}) {
  const years = Array.from({ length: 16 }, (_, i) => new Date().getFullYear() + i);
  const [card, setCard] = useState({ number: '', expMonth: '', expYear: '', cvc: '' });
  const attempt = useIdempotencyKey();
  const pay = useMutation({
    mutationFn: (input: CardInput) => commerceCommands.pay(order.id, input, attempt.keyFor(input)),
    onSettled: (_paid, error) => attempt.settled(error),
    onSuccess: onPaid,
    onError: (error) => {
      const decline = declined(error);
      if (decline) onDeclined(decline.order);
      else if (hasStatus(error, 409)) onConflict();
    },
  });
  const decline = declined(pay.error);
  const issues = fieldIssues(pay.error);
  // An expiry not chosen yet is said here: sent as 0, the server would read the year as 2000.
  const [unchosen, setUnchosen] = useState<ReadonlySet<string>>(new Set());
  const errorsOf = (field: (typeof FIELDS)[number]) => [
    ...(unchosen.has(field) ? [field === 'card.expMonth' ? 'Choose the month' : 'Choose the year'] : []),
    ...messagesFor(issues, field).map((message) => wording(field, message)),
  ];
  const set = (field: keyof typeof card, value: string) => {
    setCard((current) => ({ ...current, [field]: value }));
    setUnchosen((current) => new Set([...current].filter((f) => f !== `card.${field}`)));
    if (decline) pay.reset();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing = new Set([...(card.expMonth ? [] : ['card.expMonth']), ...(card.expYear ? [] : ['card.expYear'])]);
    setUnchosen(missing);
    if (missing.size > 0) {
      pay.reset();
      return;
    }
    pay.mutate({
      number: card.number,
      expMonth: Number(card.expMonth),
      expYear: Number(card.expYear),
      cvc: card.cvc.trim(),
    });
  };

  return (
    <form className="card-form" onSubmit={submit} noValidate aria-label="Pay by card">
      {decline ? (
        <div className="status status--error" role="alert">
          <p className="status__title">{decline.detail}</p>
          <p>Nothing was charged and your order is still open. Try another card.</p>
        </div>
      ) : pay.isError ? (
        <ShopperProblem error={pay.error} title="The payment did not go through" />
      ) : null}
      <fieldset className="checkout__section" disabled={pay.isPending}>
        <legend className="checkout__legend">Card</legend>
        <div className="form-grid card-form__grid">
          <Field label="Card number" errors={errorsOf('card.number')} className="form-grid__wide">
            {(control) => (
              <input
                {...control}
                autoComplete="cc-number"
                inputMode="numeric"
                spellCheck={false}
                placeholder="1234 1234 1234 1234"
                value={card.number}
                onChange={(event) => set('number', event.target.value)}
              />
            )}
          </Field>
          <Field label="Expiry month" errors={errorsOf('card.expMonth')}>
            {(control) => (
              <select
                {...control}
                autoComplete="cc-exp-month"
                value={card.expMonth}
                onChange={(event) => set('expMonth', event.target.value)}
              >
                <option value="" disabled>
                  MM
                </option>
                {MONTHS.map((month) => (
                  <option key={month} value={month}>
                    {String(month).padStart(2, '0')}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Expiry year" errors={errorsOf('card.expYear')}>
            {(control) => (
              <select
                {...control}
                autoComplete="cc-exp-year"
                value={card.expYear}
                onChange={(event) => set('expYear', event.target.value)}
              >
                <option value="" disabled>
                  YYYY
                </option>
                {years.map((year) => (
                  <option key={year} value={year}>
                    {year}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Security code (CVC)" errors={errorsOf('card.cvc')}>
            {(control) => (
              <input
                {...control}
                autoComplete="cc-csc"
                inputMode="numeric"
                maxLength={4}
                value={card.cvc}
                onChange={(event) => set('cvc', event.target.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <button type="submit" className="button button--primary button--block" disabled={pay.isPending}>
        {pay.isPending ? 'Paying…' : `Pay ${total}`}
      </button>
      <p className="card-form__test muted">
        <strong>Test mode</strong>: no money moves. Pay with 4242 4242 4242 4242; 4000 0000 0000 0002 is declined. Any
        future expiry date and any three-digit CVC.
      </p>
    </form>
  );
}
