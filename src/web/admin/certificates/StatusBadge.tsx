import { humanize } from '../../format';
import type { CertificateStatus } from './api';

// Only a valid certificate is evidence; a suspended one may come back, a revoked or withdrawn one will not.
const TONE: Record<CertificateStatus, string> = {
  valid: 'badge--on',
  suspended: 'badge--off',
  revoked: 'badge--bad',
  withdrawn: 'badge--bad',
};

export function StatusBadge({ status }: { status: CertificateStatus }) {
  return <span className={`badge ${TONE[status]}`}>{humanize(status)}</span>;
}
