import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/database/index.js';
import { NotFoundError } from '../../platform/errors.js';
import { sha256 } from '../../platform/hash.js';
import { linkToken } from '../../platform/link-token.js';
import type { CatalogService } from '../catalog/index.js';
import type { OutboxService } from '../outbox/index.js';
import type { SpamFilter } from './spam-filter.js';
import { commentDataRequests, comments } from './tables.js';

// A commenter's own data: export and erasure, self-service. Asking sends a one-time link to the
// address; only whoever reads that mailbox can use it. The link carries a random 192-bit token
// and the database keeps only its hash, so a leaked table opens nothing. Retention runs here too:
// addresses and user agents go after 30 days, spam after its retention period.

export const RETENTION = {
  /** IP address and user agent: kept this long to fight spam and abuse, then removed. */
  addressDays: 30,
  /** A one-time link works this long. */
  linkHours: 24,
};

export type DataAction = 'export' | 'erase';

export interface CommentExport {
  email: string;
  exportedAt: string;
  comments: {
    id: string;
    product: string;
    name: string | null;
    email: string | null;
    website: string | null;
    content: string;
    state: string;
    ipAddress: string | null;
    userAgent: string | null;
    createdAt: string;
  }[];
}

const day = 24 * 3_600_000;

export class CommentDataService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly catalog: CatalogService,
    private readonly outbox: OutboxService,
    private readonly filter: SpamFilter,
    private readonly publicUrl: string,
    private readonly spamRetentionDays: number,
  ) {}

  /**
   * Emails a one-time link for the action, when the address wrote any comment. The answer is the
   * same either way, so nobody learns from it whether an address commented.
   */
  async request(email: string, action: DataAction): Promise<void> {
    const address = email.trim().toLowerCase();
    const now = this.clock.now();
    const [found] = await this.db
      .select({ id: comments.id })
      .from(comments)
      .where(eq(sql`lower(${comments.authorEmail})`, address))
      .limit(1);
    if (!found) return;
    const token = linkToken();
    const link = `${this.publicUrl}/comment-data?action=${action}&token=${token}`;
    await this.db.transaction(async (tx) => {
      await tx.insert(commentDataRequests).values({
        tokenHash: sha256(token),
        email: address,
        action,
        createdAt: now,
        expiresAt: new Date(now.getTime() + RETENTION.linkHours * 3_600_000),
      });
      await this.outbox.queue(
        tx,
        {
          kind: `comment-data-${action}`,
          to: address,
          subject: action === 'export' ? 'Your comment data' : 'Erase your comments',
          about: { action },
          text: [
            action === 'export'
              ? 'Someone (we hope you) asked for a copy of the comments written with this address.'
              : 'Someone (we hope you) asked to erase the comments written with this address.',
            `Open this link within ${RETENTION.linkHours} hours to ${action === 'export' ? 'download them' : 'erase them'}; it works once:`,
            link,
            'If you did not ask, ignore this email and nothing happens.',
          ].join('\n\n'),
        },
        now,
      );
    });
  }

  async export(token: string): Promise<CommentExport> {
    const email = await this.redeem(token, 'export');
    const rows = await this.db
      .select()
      .from(comments)
      .where(eq(sql`lower(${comments.authorEmail})`, email))
      .orderBy(comments.createdAt);
    const named = new Map(
      (await this.catalog.productsByIds([...new Set(rows.map((r) => r.productId))])).map((p) => [p.id, p.slug]),
    );
    return {
      email,
      exportedAt: this.clock.now().toISOString(),
      comments: rows.map((r) => ({
        id: r.id,
        product: named.get(r.productId) ?? '',
        name: r.authorName,
        email: r.authorEmail,
        website: r.authorUrl,
        content: r.content,
        state: r.state,
        ipAddress: r.ipAddress,
        userAgent: r.userAgent,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  }

  /**
   * Blanks the personal data and the text of every comment written with the address; the comments
   * stay as placeholders so the replies around them keep their place. The filter forgets what
   * they taught it.
   */
  async erase(token: string): Promise<number> {
    const email = await this.redeem(token, 'erase');
    const erased = await this.db
      .update(comments)
      .set({
        authorName: null,
        authorEmail: null,
        authorUrl: null,
        content: '',
        ipAddress: null,
        userAgent: null,
        erasedAt: this.clock.now(),
      })
      .where(eq(sql`lower(${comments.authorEmail})`, email))
      .returning({ id: comments.id });
    await this.filter.forget(erased.map((c) => c.id));
    return erased.length;
  }

  /** The retention job: addresses and user agents after 30 days, spam and used links after theirs. */
  async applyRetention(): Promise<{ addressesRemoved: number; spamPurged: number }> {
    const now = this.clock.now().getTime();
    const addressesRemoved = await this.db
      .update(comments)
      .set({ ipAddress: null, userAgent: null })
      .where(
        and(
          lt(comments.createdAt, new Date(now - RETENTION.addressDays * day)),
          or(sql`${comments.ipAddress} is not null`, sql`${comments.userAgent} is not null`),
        ),
      )
      .returning({ id: comments.id });
    const spamPurged = await this.db
      .delete(comments)
      .where(and(eq(comments.state, 'spam'), lt(comments.createdAt, new Date(now - this.spamRetentionDays * day))))
      .returning({ id: comments.id });
    await this.db.delete(commentDataRequests).where(lt(commentDataRequests.expiresAt, new Date(now - day)));
    return { addressesRemoved: addressesRemoved.length, spamPurged: spamPurged.length };
  }

  /** Uses up a link: once, before it expires, for the action it was made for. */
  private async redeem(token: string, action: DataAction): Promise<string> {
    const now = this.clock.now();
    const [request] = await this.db
      .update(commentDataRequests)
      .set({ usedAt: now })
      .where(
        and(
          eq(commentDataRequests.tokenHash, sha256(token)),
          eq(commentDataRequests.action, action),
          isNull(commentDataRequests.usedAt),
          gt(commentDataRequests.expiresAt, now),
        ),
      )
      .returning({ email: commentDataRequests.email });
    if (!request)
      throw new NotFoundError('This link is not valid any more: it was used, it expired, or it is incomplete');
    return request.email;
  }
}
