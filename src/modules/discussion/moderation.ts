import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/database/index.js';
import type { CatalogService } from '../catalog/index.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { SpamFilter } from './spam-filter.js';
import { type CommentState, comments } from './tables.js';
import type { Upstream } from './upstream.js';

// The moderation queue: held and spam comments with the filter's score and reasons, and the
// decisions on them. Every approval and every "spam" is a lesson for the filter (and for Akismet
// when it is configured): that is how it learns what this site's spam looks like.

export type ModerationAction = 'approve' | 'spam' | 'delete';

export interface QueuedComment {
  id: string;
  product: { slug: string; name: string };
  parentId: string | null;
  name: string | null;
  email: string | null;
  website: string | null;
  content: string;
  state: CommentState;
  staff: boolean;
  score: number;
  reasons: { code: string; detail: string }[];
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: string;
  moderatedAt: string | null;
}

const TARGET: Record<ModerationAction, CommentState> = { approve: 'published', spam: 'spam', delete: 'deleted' };

export class ModerationService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly catalog: CatalogService,
    private readonly filter: SpamFilter,
    private readonly upstream: Upstream | undefined,
  ) {}

  async queue(options: { state: CommentState; limit: number; cursor?: string | undefined }) {
    const before = options.cursor ? decodeCursor(options.cursor) : undefined;
    const rows = await this.db
      .select({
        id: comments.id,
        productId: comments.productId,
        parentId: comments.parentId,
        name: comments.authorName,
        email: comments.authorEmail,
        website: comments.authorUrl,
        content: comments.content,
        state: comments.state,
        staff: comments.staff,
        score: comments.spamScore,
        reasons: comments.spamReasons,
        ipAddress: comments.ipAddress,
        userAgent: comments.userAgent,
        createdAt: comments.createdAt,
        moderatedAt: comments.moderatedAt,
      })
      .from(comments)
      .where(
        and(
          eq(comments.state, options.state),
          before
            ? sql`(${comments.createdAt}, ${comments.id}) < (${before.at.toISOString()}::timestamptz, ${before.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(comments.createdAt), desc(comments.id))
      .limit(options.limit + 1);
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    const named = new Map(
      (await this.catalog.productsByIds([...new Set(page.map((r) => r.productId))])).map((p) => [p.id, p]),
    );
    return {
      comments: page.map(
        (r): QueuedComment => ({
          id: r.id,
          product: { slug: named.get(r.productId)?.slug ?? '', name: named.get(r.productId)?.name ?? '' },
          parentId: r.parentId,
          name: r.name,
          email: r.email,
          website: r.website,
          content: r.content,
          state: r.state,
          staff: r.staff,
          score: r.score,
          reasons: r.reasons,
          ipAddress: r.ipAddress,
          userAgent: r.userAgent,
          createdAt: r.createdAt.toISOString(),
          moderatedAt: r.moderatedAt?.toISOString() ?? null,
        }),
      ),
      nextCursor: rows.length > options.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    };
  }

  /** How many comments wait for a moderator, and how many the filter called spam. */
  async counts(): Promise<{ held: number; spam: number }> {
    const rows = await this.db
      .select({ state: comments.state, n: sql<number>`count(*)`.mapWith(Number) })
      .from(comments)
      .where(inArray(comments.state, ['held', 'spam']))
      .groupBy(comments.state);
    const of = (state: CommentState) => rows.find((r) => r.state === state)?.n ?? 0;
    return { held: of('held'), spam: of('spam') };
  }

  /** Applies one decision to many comments; answers how many changed. */
  async moderate(ids: readonly string[], action: ModerationAction, moderatorId: string | undefined): Promise<number> {
    const target = TARGET[action];
    const changed = await this.db.transaction(async (tx) => {
      const before = await tx
        .select({
          id: comments.id,
          state: comments.state,
          staff: comments.staff,
          content: comments.content,
          erasedAt: comments.erasedAt,
          authorName: comments.authorName,
          authorEmail: comments.authorEmail,
          authorUrl: comments.authorUrl,
          ipAddress: comments.ipAddress,
          userAgent: comments.userAgent,
          createdAt: comments.createdAt,
        })
        .from(comments)
        .where(inArray(comments.id, [...ids]))
        .for('update');
      const moving = before.filter((c) => c.state !== target);
      if (moving.length === 0) return [];
      await tx
        .update(comments)
        .set({ state: target, moderatedAt: this.clock.now(), moderatedBy: moderatorId ?? null })
        .where(
          inArray(
            comments.id,
            moving.map((c) => c.id),
          ),
        );
      return moving;
    });
    // Deleting says nothing about spam; staff text and erased text teach nothing either.
    if (action !== 'delete') {
      const spam = action === 'spam';
      for (const c of changed) {
        if (c.staff || c.erasedAt) continue;
        await this.filter.teach(c.content, spam, 'moderator', c.id);
        await this.upstream?.teach(
          {
            author: c.authorName ?? '',
            email: c.authorEmail ?? '',
            url: c.authorUrl ?? undefined,
            content: c.content,
            ipAddress: c.ipAddress ?? '',
            userAgent: c.userAgent ?? undefined,
            referrer: undefined,
            permalink: '',
            at: c.createdAt,
          },
          spam,
        );
      }
    }
    return changed.length;
  }
}
