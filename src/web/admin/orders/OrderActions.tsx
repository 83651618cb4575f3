import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorPanel } from '../../components/Status';
import { type Order, orderCommands, orderQueries, type StaffAction } from './api';
import { RefundForm } from './RefundForm';

const LABELS: Record<StaffAction, string> = {
  fulfil: 'Mark fulfilled (shipped)',
  deliver: 'Mark delivered',
  cancel: 'Cancel order',
};

/** The moves the order's status allows, as the server lists them in `actions`. */
export function OrderActions({ order, money }: { order: Order; money: (amount: number) => string }) {
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: (action: StaffAction) => orderCommands.act(order.id, action),
    onSettled: () => queryClient.invalidateQueries({ queryKey: orderQueries.all() }),
  });
  const can = (action: string) => order.actions.includes(action);
  const left = order.totals.total - order.totals.refunded;
  const cancelQuestion =
    order.status === 'paid'
      ? `Cancel ${order.number}? Its stock goes back and ${money(left)} is refunded.`
      : `Cancel ${order.number}? Its stock goes back.`;

  if (!['fulfil', 'deliver', 'cancel', 'refund'].some(can)) return null;
  return (
    <section className="panel order-actions" aria-labelledby="order-actions-heading">
      <h3 id="order-actions-heading">Actions</h3>
      {act.isError ? <ErrorPanel error={act.error} /> : null}
      <div className="order-actions__buttons">
        {can('fulfil') ? (
          <button
            type="button"
            className="button button--primary"
            disabled={act.isPending}
            onClick={() => act.mutate('fulfil')}
          >
            {LABELS.fulfil}
          </button>
        ) : null}
        {can('deliver') ? (
          <button
            type="button"
            className="button button--primary"
            disabled={act.isPending}
            onClick={() => act.mutate('deliver')}
          >
            {LABELS.deliver}
          </button>
        ) : null}
        {can('cancel') ? (
          <ConfirmButton
            question={cancelQuestion}
            confirmLabel="Yes, cancel"
            disabled={act.isPending}
            onConfirm={() => act.mutate('cancel')}
          >
            {LABELS.cancel}
          </ConfirmButton>
        ) : null}
      </div>
      {can('refund') && left > 0 ? <RefundForm order={order} left={left} money={money} /> : null}
    </section>
  );
}
