import { asc, gt, inArray } from 'drizzle-orm';
import type { ChangeFeed } from '../../platform/changes.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/database/index.js';
import { type Assessment, assess, type Signals, type Submission } from './spam/assess.js';
import { features } from './spam/features.js';
import { learn, type SpamModel } from './spam/model.js';
import { loadModel } from './spam/model-file.js';
import { spamLessons } from './tables.js';

// The classifier as the server runs it: the shipped model plus every lesson moderators (and
// Akismet clients' submit-spam / submit-ham) taught it since, replayed in the order they were
// recorded. Every instance replays the same lessons, so every instance scores the same; a new
// lesson reaches the others through the change feed.

const copy = (model: SpamModel): SpamModel => ({ bias: model.bias, weights: new Map(model.weights) });

/** Lessons take steps after the shipped model's last one, so their step size is the decayed one. */
const FIRST_LESSON_STEP = 100_000;

export class SpamFilter {
  private model: SpamModel;
  private applied = 0;
  private broken = false;
  private syncing: Promise<void> = Promise.resolve();

  private readonly shipped: SpamModel;

  /** The shipped model (or `modelFile`); `ready()` applies the lessons recorded so far. */
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly changes: ChangeFeed,
    modelFile?: string,
  ) {
    this.shipped = loadModel(modelFile).model;
    this.model = copy(this.shipped);
    changes.subscribe((topic) => {
      if (topic === 'spam-lessons') this.sync().catch(() => {});
      if (topic === 'spam-lessons-forgotten') this.sync(true).catch(() => {});
    });
  }

  ready(): Promise<void> {
    return this.sync();
  }

  assess(submission: Submission, signals?: Signals): Assessment {
    return assess(this.model, submission, signals);
  }

  /** Records a decision on a text as a lesson, and applies it here (and on every other instance). */
  async teach(content: string, spam: boolean, source: string, commentId?: string): Promise<void> {
    await this.db.insert(spamLessons).values({
      commentId: commentId ?? null,
      source,
      spam,
      features: [...features(content)],
      createdAt: this.clock.now(),
    });
    await this.sync();
    await this.changes.publish('spam-lessons');
  }

  /** Forgets what the given comments taught (their authors asked for erasure): replays the rest. */
  async forget(commentIds: readonly string[]): Promise<void> {
    if (commentIds.length === 0) return;
    await this.db.delete(spamLessons).where(inArray(spamLessons.commentId, [...commentIds]));
    await this.sync(true);
    await this.changes.publish('spam-lessons-forgotten');
  }

  /** How many lessons the model has applied on top of the shipped file. */
  get lessons(): number {
    return this.applied;
  }

  /**
   * One sync at a time, in order. A failed one (the database was out of reach) starts from the
   * shipped model next time, so a lesson is never applied twice.
   */
  private sync(fromShipped = false): Promise<void> {
    const run = this.syncing.then(() => (fromShipped || this.broken ? this.rebuild() : this.applyNewLessons()));
    this.syncing = run.then(
      () => {
        this.broken = false;
      },
      () => {
        this.broken = true;
      },
    );
    return run;
  }

  private async applyNewLessons(): Promise<void> {
    const rows = await this.db
      .select({ id: spamLessons.id, spam: spamLessons.spam, features: spamLessons.features })
      .from(spamLessons)
      .where(gt(spamLessons.id, this.applied))
      .orderBy(asc(spamLessons.id));
    for (const row of rows) {
      learn(this.model, new Set(row.features), row.spam, FIRST_LESSON_STEP + row.id);
      this.applied = row.id;
    }
  }

  private async rebuild(): Promise<void> {
    this.model = copy(this.shipped);
    this.applied = 0;
    await this.applyNewLessons();
  }
}
