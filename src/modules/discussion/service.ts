import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/database/index.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { sha256 } from '../../platform/hash.js';
import type { CatalogService } from '../catalog/index.js';
import { checkComment, normalisedForDuplicates } from './comment-input.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Assessment, Signals } from './spam/assess.js';
import type { SpamFilter } from './spam-filter.js';
import { type CommentState, comments } from './tables.js';
import { assembleThreads, type PublicComment, publicComment } from './thread.js';
import type { Upstream } from './upstream.js';

// Posting and reading product discussions. Every new comment is scored before it is stored:
// published at once, held for a moderator, kept as spam out of sight, or (blatant) not stored.

export interface PostContext {
  ipAddress: string;
  userAgent: string | undefined;
  /** The page the form was on, for the upstream check. */
  referrer: string | undefined;
}

export interface PostInput {
  name?: unknown;
  email?: unknown;
  website?: unknown;
  content?: unknown;
  parentId?: string | undefined;
  /** When the form was shown (ms since the epoch): the time trap. */
  loadedAt?: number | undefined;
  /** The honeypot: a field hidden from people. */
  address?: string | undefined;
}

export type Posted = { status: 'published'; comment: PublicComment } | { status: 'held' };

export interface ThreadPage {
  comments: PublicComment[];
  /** Published comments on the product, replies included. */
  total: number;
  nextCursor: string | null;
}

/** Same text within this window counts as a duplicate; more than a few from one address, a flood. */
const DUPLICATE_WINDOW_MS = 24 * 3_600_000;
const FLOOD_WINDOW_MS = 10 * 60_000;

export const STORED_COLUMNS = {
  id: comments.id,
  parentId: comments.parentId,
  threadId: comments.threadId,
  depth: comments.depth,
  authorName: comments.authorName,
  authorUrl: comments.authorUrl,
  content: comments.content,
  state: comments.state,
  staff: comments.staff,
  createdAt: comments.createdAt,
  erasedAt: comments.erasedAt,
};

/**
 * The time trap's reading. `loadedAt` comes from the visitor's clock: one that runs ahead of ours
 * gives a negative time, which says nothing about the visitor, so it counts as unknown.
 */
function secondsSince(loadedAt: number | undefined, now: Date): number | undefined {
  if (loadedAt === undefined) return undefined;
  const seconds = (now.getTime() - loadedAt) / 1000;
  return seconds >= 0 ? seconds : undefined;
}

export const contentHash = (content: string) => sha256(normalisedForDuplicates(content));

export class DiscussionService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly catalog: CatalogService,
    private readonly filter: SpamFilter,
    private readonly upstream: Upstream | undefined,
    private readonly publicUrl: string,
  ) {}

  async thread(
    slug: string,
    options: { order: 'newest' | 'oldest'; limit: number; cursor?: string | undefined },
  ): Promise<ThreadPage> {
    const product = await this.catalog.getProduct(slug);
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    const newest = options.order === 'newest';
    const position = after
      ? newest
        ? sql`(${comments.createdAt}, ${comments.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
        : sql`(${comments.createdAt}, ${comments.id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
      : undefined;
    const roots = await this.db
      .select(STORED_COLUMNS)
      .from(comments)
      .where(
        and(
          eq(comments.productId, product.id),
          eq(comments.depth, 0),
          inArray(comments.state, ['published', 'deleted']),
          position,
        ),
      )
      .orderBy(
        ...(newest ? [desc(comments.createdAt), desc(comments.id)] : [asc(comments.createdAt), asc(comments.id)]),
      )
      .limit(options.limit + 1);
    const page = roots.slice(0, options.limit);
    const replies =
      page.length === 0
        ? []
        : await this.db
            .select(STORED_COLUMNS)
            .from(comments)
            .where(
              and(
                inArray(
                  comments.threadId,
                  page.map((r) => r.id),
                ),
                gt(comments.depth, 0),
              ),
            );
    const [{ total }] = (await this.db
      .select({ total: count() })
      .from(comments)
      .where(and(eq(comments.productId, product.id), eq(comments.state, 'published')))) as [{ total: number }];
    const last = page.at(-1);
    return {
      comments: assembleThreads(page, replies),
      total,
      nextCursor: roots.length > options.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    };
  }

  /** Whether the product has any comment, in any state (the demo loads only into empty threads). */
  async hasComments(slug: string): Promise<boolean> {
    const product = await this.catalog.getProduct(slug);
    const [found] = await this.db
      .select({ id: comments.id })
      .from(comments)
      .where(eq(comments.productId, product.id))
      .limit(1);
    return found !== undefined;
  }

  async post(slug: string, raw: PostInput, context: PostContext): Promise<Posted> {
    const checked = checkComment(raw);
    if (!checked.input) throw new ValidationError(checked.issues);
    const { input } = checked;
    const product = await this.catalog.getProduct(slug);
    const placement = await this.placement(product.id, raw.parentId);
    const now = this.clock.now();
    const hash = contentHash(input.content);
    const signals: Signals = {
      honeypotFilled: Boolean(raw.address?.trim()),
      secondsToSubmit: secondsSince(raw.loadedAt, now),
      ...(await this.recent(hash, context.ipAddress, now)),
    };
    const submission = { author: input.name, email: input.email, url: input.website, content: input.content };
    const assessment = await this.withSecondOpinion(
      this.filter.assess(submission, signals),
      submission,
      context,
      // The page the form was on; a product's discussion is the same in every market.
      context.referrer ?? `${this.publicUrl}/products/${product.slug}`,
      now,
    );
    if (assessment.outcome === 'discard') return { status: 'held' };
    const state: CommentState = assessment.outcome;
    const id = randomUUID();
    const [row] = await this.db
      .insert(comments)
      .values({
        id,
        productId: product.id,
        parentId: placement?.parentId ?? null,
        threadId: placement?.threadId ?? id,
        depth: placement?.depth ?? 0,
        authorName: input.name,
        authorEmail: input.email,
        authorUrl: input.website ?? null,
        content: input.content,
        state,
        spamScore: assessment.score,
        spamReasons: assessment.reasons,
        contentHash: hash,
        ipAddress: context.ipAddress,
        userAgent: context.userAgent?.slice(0, 500) ?? null,
        createdAt: now,
      })
      .returning(STORED_COLUMNS);
    return state === 'published' ? { status: 'published', comment: publicComment(row!) } : { status: 'held' };
  }

  /** A staff member's reply: published at once, marked as staff, never scored. */
  async staffReply(parentId: string, content: string, author: { name: string; email: string; userId?: string }) {
    const parent = await this.db
      .select({ productId: comments.productId })
      .from(comments)
      .where(eq(comments.id, parentId))
      .then((rows) => rows[0]);
    if (!parent) throw new NotFoundError(`No comment ${parentId}`);
    const placement = await this.placement(parent.productId, parentId);
    const checked = checkComment({ name: author.name, email: author.email, content });
    if (!checked.input) throw new ValidationError(checked.issues.filter((i) => i.field === 'content'));
    const id = randomUUID();
    const [row] = await this.db
      .insert(comments)
      .values({
        id,
        productId: parent.productId,
        parentId: placement!.parentId,
        threadId: placement!.threadId,
        depth: placement!.depth,
        authorName: author.name,
        authorEmail: author.email,
        content: checked.input.content,
        state: 'published',
        staff: true,
        staffUserId: author.userId ?? null,
        spamScore: 0,
        spamReasons: [],
        contentHash: contentHash(checked.input.content),
        createdAt: this.clock.now(),
      })
      .returning(STORED_COLUMNS);
    return publicComment(row!);
  }

  /**
   * Where a reply goes. Threads are two replies deep: an answer to a reply of a reply joins that
   * reply's answers (as Isso does), so a thread never becomes a staircase.
   */
  private async placement(productId: string, parentId: string | undefined) {
    if (!parentId) return undefined;
    const parent = await this.db
      .select({
        id: comments.id,
        productId: comments.productId,
        parentId: comments.parentId,
        threadId: comments.threadId,
        depth: comments.depth,
        state: comments.state,
      })
      .from(comments)
      .where(eq(comments.id, parentId))
      .then((rows) => rows[0]);
    if (!parent || parent.productId !== productId || parent.state !== 'published') {
      throw ValidationError.field('parentId', 'The comment you are replying to is not on this page any more');
    }
    if (parent.depth >= 2) return { parentId: parent.parentId!, threadId: parent.threadId, depth: 2 };
    return { parentId: parent.id, threadId: parent.threadId, depth: parent.depth + 1 };
  }

  private async recent(hash: string, ipAddress: string, now: Date) {
    const [row] = await this.db
      .select({
        duplicates:
          sql<number>`count(*) filter (where ${comments.contentHash} = ${hash} and ${comments.createdAt} > ${new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString()}::timestamptz)`.mapWith(
            Number,
          ),
        recentFromAddress:
          sql<number>`count(*) filter (where ${comments.ipAddress} = ${ipAddress} and ${comments.createdAt} > ${new Date(now.getTime() - FLOOD_WINDOW_MS).toISOString()}::timestamptz)`.mapWith(
            Number,
          ),
      })
      .from(comments)
      .where(
        and(
          sql`(${comments.contentHash} = ${hash} or ${comments.ipAddress} = ${ipAddress})`,
          gt(comments.createdAt, new Date(now.getTime() - DUPLICATE_WINDOW_MS)),
        ),
      );
    return { duplicates: row?.duplicates ?? 0, recentFromAddress: row?.recentFromAddress ?? 0 };
  }

  /**
   * With AKISMET_API_KEY set, Akismet's answer counts too: spam there makes it at least spam
   * here. When Akismet cannot be reached the built-in filter decides alone.
   */
  private async withSecondOpinion(
    assessment: Assessment,
    submission: { author: string; email: string; url: string | undefined; content: string },
    context: PostContext,
    permalink: string,
    now: Date,
  ): Promise<Assessment> {
    if (!this.upstream) return assessment;
    const answer = await this.upstream.check({ ...submission, ...context, permalink, at: now });
    if (answer === undefined || answer === 'ham') return assessment;
    const reasons = [...assessment.reasons, { code: 'upstream' as const, detail: `Akismet says spam (${answer})` }];
    const outcome = answer === 'discard' ? 'discard' : assessment.outcome === 'discard' ? 'discard' : 'spam';
    return { ...assessment, outcome, reasons };
  }
}
