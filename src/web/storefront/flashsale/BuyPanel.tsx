import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { hasStatus, problemText } from '../../api';
import { Field, fieldIssues, messagesFor } from '../../components/Field';
import { plural } from '../../format';
import { useIdempotencyKey } from '../../idempotency';
import { ShopperProblem } from '../ShopperProblem';
import { type FlashSale, flashSaleCommands, flashSaleQueries, type Refusal, refusalOf, type SaleState } from './api';
import { type Admitted, lastAdmitted, type SaleMemory, unitsTaken } from './memory';
import { countdown, timeOfDay } from './useNow';

/** What each refusal is called at the top of its message; the server's detail says the rest. */
const REFUSAL_TITLE: Record<Refusal, string> = {
  'purchase-limit-reached': 'You have reached the limit for this sale',
  'sold-out': 'Sold out',
  'sale-ended': 'The sale has ended',
  'sale-not-started': 'The sale has not started yet',
  'not-registered': 'This sale is for registered buyers',
  'not-sellable': 'Not sold here now',
};

/** Refusals that change what the whole page shows: its counts are read again at once. */
const CHANGES_STATE: ReadonlySet<Refusal> = new Set(['sold-out', 'sale-ended', 'sale-not-started']);

/** Ask for a unit; the answer comes at once: a unit held for you, or why not. */
export function BuyPanel({
  sale,
  market,
  state,
  open,
  memory,
  now,
  onAdmitted,
}: {
  sale: FlashSale;
  market: string;
  state: SaleState;
  /** The start has come by this browser's clock: the button opens without waiting for the next poll. */
  open: boolean;
  memory: SaleMemory;
  now: number;
  onAdmitted: (admission: Admitted) => void;
}) {
  const queryClient = useQueryClient();
  const attempt = useIdempotencyKey();
  const limitId = useId();
  // What the buyer typed; until then the registered address (the link may be confirmed after the page opened).
  const [typed, setEmail] = useState<string | null>(null);
  const email = typed ?? memory.registration?.email ?? '';
  const buy = useMutation({
    mutationFn: (body: { email: string; registrationToken?: string }) =>
      flashSaleCommands.purchase(sale.id, body, attempt.keyFor(body)),
    onSettled: async (_admission, error) => {
      attempt.settled(error);
      const refusal = refusalOf(error);
      if (error === null || (refusal && CHANGES_STATE.has(refusal))) {
        await queryClient.invalidateQueries({ queryKey: flashSaleQueries.remaining(sale.id).queryKey });
      }
    },
    onSuccess: (admission) => onAdmitted({ id: admission.id, email: admission.email, heldUntil: admission.heldUntil }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    const token = memory.registration?.email === address.toLowerCase() ? memory.registration.token : undefined;
    buy.mutate(token ? { email: address, registrationToken: token } : { email: address });
  };

  const refusal = refusalOf(buy.error);
  const emailErrors = messagesFor(fieldIssues(buy.error), 'email');
  const held = lastAdmitted(memory);
  const holding = held && !held.orderId && new Date(held.heldUntil).getTime() > now;
  const canBuy = state === 'live' || (open && state !== 'sold-out' && state !== 'ended');
  // The server refuses a unit over the limit; the button says so before it is asked.
  const atLimit = canBuy && unitsTaken(memory, email, now) >= sale.perCustomerLimit;
  const price = sale.price.formatted;

  return (
    <form className="sale-panel sale-buy" onSubmit={submit} noValidate aria-label="Buy in the sale">
      {held?.orderId ? (
        <div className="sale-panel__result sale-panel__result--ok" role="status">
          <p className="sale-panel__title">You bought one in this sale</p>
          <p>
            <Link to={`/${market}/orders/${held.orderId}`}>See your order</Link>
          </p>
        </div>
      ) : holding ? (
        <div className="sale-panel__result sale-panel__result--ok" role="status">
          <p className="sale-panel__title">One unit is yours until {timeOfDay(held.heldUntil)} — check out</p>
          <p>
            <span className="sale-panel__clock">{countdown(new Date(held.heldUntil).getTime() - now)}</span> left to
            check out and pay; after that the unit goes back to the sale.
          </p>
          <Link
            className="button button--primary"
            to={`/${market}/flash-sales/${sale.id}/checkout?${new URLSearchParams({ admission: held.id })}`}
          >
            Check out
          </Link>
        </div>
      ) : null}
      {buy.isError && refusal ? (
        <div className="status status--error" role="alert">
          <p className="status__title">{REFUSAL_TITLE[refusal]}</p>
          <p>{problemText(buy.error)}</p>
        </div>
      ) : hasStatus(buy.error, 429) ? (
        <div className="status status--error" role="alert">
          <p className="status__title">Too many tries</p>
          <p>
            Wait {buy.error.retryAfter ? plural(buy.error.retryAfter, 'second') : 'a few seconds'} before you try again.
          </p>
        </div>
      ) : buy.isError && emailErrors.length === 0 ? (
        <ShopperProblem error={buy.error} title="We could not take your request" />
      ) : null}
      {sale.registrationRequired && !memory.registration && (state === 'live' || open) ? (
        <p className="muted">
          This sale is for buyers who registered before the start and opened the link we emailed them.
        </p>
      ) : null}
      <Field
        label="Email"
        errors={emailErrors.length > 0 ? ['Enter your email address, like name@example.com.'] : []}
        hint={memory.registration ? 'The address you registered with.' : undefined}
      >
        {(control) => (
          <input
            {...control}
            type="email"
            autoComplete="email"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <button
        type="submit"
        className={`button button--block ${held ? 'button--ghost-dark' : 'button--primary'}`}
        disabled={!canBuy || atLimit || buy.isPending}
        aria-describedby={atLimit ? limitId : undefined}
      >
        {buy.isPending
          ? 'Asking for your unit…'
          : atLimit
            ? 'Limit reached'
            : canBuy
              ? `Buy ${held ? 'another' : 'one'} for ${price}`
              : state === 'sold-out'
                ? 'Sold out'
                : state === 'ended'
                  ? 'The sale has ended'
                  : `Opens at ${timeOfDay(sale.startsAt)}`}
      </button>
      {atLimit ? (
        <p id={limitId}>
          You have reached the limit for this sale: each buyer may hold or buy {plural(sale.perCustomerLimit, 'unit')}.
        </p>
      ) : null}
      <p className="muted sale-panel__fineprint">
        Up to {sale.perCustomerLimit} per buyer. A unit is held for you for {Math.round(sale.paymentWindowSeconds / 60)}{' '}
        minutes while you check out and pay.
      </p>
    </form>
  );
}
