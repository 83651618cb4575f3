import { and, desc, eq, like, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/database/index.js';
import { auditEvents } from './tables.js';

export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;

export interface AuditFilter {
  limit: number;
  before?: number | undefined;
  action?: string | undefined;
  actor?: string | undefined;
}

export const auditStore = {
  async append(db: Executor, event: NewAuditEvent): Promise<void> {
    await db.insert(auditEvents).values(event);
  },

  /** Newest first, keyset-paginated by id. */
  async list(db: Executor, filter: AuditFilter): Promise<AuditRow[]> {
    const conditions: SQL[] = [];
    if (filter.before !== undefined) conditions.push(lt(auditEvents.id, filter.before));
    if (filter.action) conditions.push(like(auditEvents.action, `${filter.action.replace(/[\\%_]/g, '\\$&')}%`));
    if (filter.actor) conditions.push(eq(auditEvents.actorLabel, filter.actor));
    return db
      .select()
      .from(auditEvents)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(auditEvents.id))
      .limit(filter.limit);
  },
};
