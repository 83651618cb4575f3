import { humanize } from '../../format';
import type { OrderStatus } from './api';

const TONE: Record<OrderStatus, string> = {
  pending_payment: 'warn',
  paid: 'on',
  fulfilled: 'on',
  delivered: 'off',
  cancelled: 'bad',
  refunded: 'off',
};

export function StaffStatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`badge badge--${TONE[status]}`}>{humanize(status)}</span>;
}
