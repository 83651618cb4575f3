import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, FormProblem, fieldIssues, messagesFor } from '../../components/Field';
import { useIdempotencyKey } from '../../idempotency';
import { parseAmount, toDecimal } from '../../money';
import { type Order, orderCommands, orderQueries } from './api';

/** The amount typed, in minor units, read digit by digit (never through a float); or why it is not one. */
function amountOf(text: string, currency: string, left: number, money: (amount: number) => string) {
  if (!text.trim()) return { amount: null, problem: null };
  try {
    const amount = parseAmount(text.trim(), currency);
    if (amount === 0) return { amount: null, problem: 'A refund must be above zero.' };
    if (amount > left) return { amount: null, problem: `At most ${money(left)} is left to refund.` };
    return { amount, problem: null };
  } catch (error) {
    return { amount: null, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** A partial or full refund of what was paid; the one that reaches the total ends the order refunded. */
export function RefundForm({
  order,
  left,
  money,
}: {
  order: Order;
  /** What is left to refund, in minor units. */
  left: number;
  money: (amount: number) => string;
}) {
  const queryClient = useQueryClient();
  const attempt = useIdempotencyKey();
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const refund = useMutation({
    mutationFn: (amount: number) => orderCommands.refund(order.id, amount, attempt.keyFor({ amount })),
    onSettled: async (_order, error) => {
      attempt.settled(error);
      await queryClient.invalidateQueries({ queryKey: orderQueries.all() });
    },
    onSuccess: () => {
      setText('');
      setTried(false);
    },
  });
  const { amount, problem } = amountOf(text, order.currency, left, money);
  const errors = [...(tried && problem ? [problem] : []), ...messagesFor(fieldIssues(refund.error), 'amount')];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (amount !== null) refund.mutate(amount);
  };

  return (
    <form className="refund-form" onSubmit={submit} noValidate aria-label="Refund">
      {refund.isError ? <FormProblem error={refund.error} fields={['amount']} /> : null}
      {refund.isSuccess ? (
        <p className="status status--ok" role="status">
          Refunded {money(refund.variables)}.
        </p>
      ) : null}
      <div className="refund-form__row">
        <Field
          label={`Refund amount (${order.currency})`}
          errors={errors}
          hint={`Up to ${money(left)}; ${toDecimal(left, order.currency)} refunds everything that is left.`}
        >
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              autoComplete="off"
              placeholder={toDecimal(left, order.currency)}
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                setTried(false);
              }}
            />
          )}
        </Field>
        <button
          type="button"
          className="button button--ghost-dark"
          onClick={() => {
            setText(toDecimal(left, order.currency));
            setTried(false);
          }}
        >
          All that is left
        </button>
        <button type="submit" className="button button--danger" disabled={refund.isPending}>
          {refund.isPending ? 'Refunding…' : amount !== null ? `Refund ${money(amount)}` : 'Refund'}
        </button>
      </div>
    </form>
  );
}
