import { desc, lt } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/database/index.js';
import { outbox } from './tables.js';

export interface Email {
  kind: string;
  to: string;
  subject: string;
  text: string;
  about?: Record<string, string>;
}

export type OutboxMessage = typeof outbox.$inferSelect;

export class OutboxService {
  constructor(private readonly db: Database) {}

  /** Queues an email in the caller's transaction: it exists only if what it tells of was committed. */
  async queue(tx: Executor, email: Email, at: Date): Promise<void> {
    await tx.insert(outbox).values({ ...email, about: email.about ?? {}, createdAt: at });
  }

  /** Newest first, paged by id. */
  async list(filter: { before?: number | undefined; limit: number }): Promise<OutboxMessage[]> {
    return this.db
      .select()
      .from(outbox)
      .where(filter.before === undefined ? undefined : lt(outbox.id, filter.before))
      .orderBy(desc(outbox.id))
      .limit(filter.limit);
  }
}
