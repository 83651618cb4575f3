import type { Database } from '../../platform/database/index.js';
import { type AuditFilter, type AuditRow, type NewAuditEvent, auditStore as store } from './store.js';

export interface AuditEvent {
  id: number;
  at: string;
  actor: { kind: string; id: string | null; label: string };
  action: string;
  target: string | null;
  ip: string | null;
  status: number | null;
  details: Record<string, unknown>;
}

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { kind: row.actorKind, id: row.actorId, label: row.actorLabel },
    action: row.action,
    target: row.target,
    ip: row.ip,
    status: row.status,
    details: row.details,
  };
}

export class AuditService {
  constructor(private readonly db: Database) {}

  record(event: NewAuditEvent): Promise<void> {
    return store.append(this.db, event);
  }

  async list(filter: AuditFilter): Promise<{ events: AuditEvent[]; nextBefore: number | null }> {
    const rows = await store.list(this.db, { ...filter, limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    return { events: page.map(toEvent), nextBefore: rows.length > filter.limit ? page[page.length - 1]!.id : null };
  }
}
