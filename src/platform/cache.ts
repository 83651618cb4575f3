import type { ChangeFeed, Topic } from './changes.js';
import type { Clock } from './clock.js';

// Values read from the database and kept in the process until the data behind them changes (the
// change feed: at once in this process, through NOTIFY in the others) or until time alone can
// change them (a price window closing, a certificate expiring: the loader says when).
//
// A load that started before a change must not be kept after it: every entry carries the
// generation it was loaded in, and a change starts a new generation and drops every entry.

export interface Loaded<T> {
  values: Map<string, T>;
  /** When these values stop being true by themselves; null: only a change can make them stale. */
  expiresAt: Date | null;
}

interface Entry<T> {
  generation: number;
  /** The clock when the load started: a clock set back before it must not see the values. */
  since: number;
  expiresAt: number;
  value: Promise<T>;
}

export class ChangeCache<T> {
  private generation = 0;
  private readonly entries = new Map<string, Entry<T>>();
  private readonly unsubscribe: () => void;

  /** `topics`: the changes that drop the cache; every change when omitted. */
  constructor(
    changes: ChangeFeed,
    private readonly clock: Pick<Clock, 'now'>,
    topics?: readonly Topic[],
  ) {
    this.unsubscribe = changes.subscribe((topic) => {
      if (!topics || topics.includes(topic)) this.clear();
    });
  }

  /** The value under each key: the cached ones, and the others from one call of `load`, shared by concurrent callers. */
  async getMany(keys: readonly string[], load: (missing: string[]) => Promise<Loaded<T>>): Promise<Map<string, T>> {
    const now = this.clock.now().getTime();
    const found = new Map<string, Promise<T>>();
    const missing: string[] = [];
    for (const key of new Set(keys)) {
      const entry = this.entries.get(key);
      if (entry && entry.generation === this.generation && entry.since <= now && now < entry.expiresAt) {
        found.set(key, entry.value);
      } else {
        missing.push(key);
      }
    }
    if (missing.length > 0) {
      const batch = load(missing);
      const fresh = missing.map((key): [string, Entry<T>] => {
        const value = batch.then((loaded) => {
          if (!loaded.values.has(key)) throw new Error(`the cache's loader left out "${key}"`);
          return loaded.values.get(key) as T;
        });
        // Whoever waits on the entry hears of a failure; it must not also go unhandled here.
        value.catch(() => {});
        return [key, { generation: this.generation, since: now, expiresAt: Number.POSITIVE_INFINITY, value }];
      });
      for (const [key, entry] of fresh) {
        this.entries.set(key, entry);
        found.set(key, entry.value);
      }
      try {
        const { values, expiresAt } = await batch;
        const left = missing.find((key) => !values.has(key));
        if (left !== undefined) throw new Error(`the cache's loader left out "${left}"`);
        for (const [, entry] of fresh) entry.expiresAt = expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
      } catch (error) {
        // A failed load is not cached: the next caller tries again.
        for (const [key, entry] of fresh) if (this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      }
    }
    const values = await Promise.all([...found].map(async ([key, value]) => [key, await value] as const));
    return new Map(values);
  }

  /** The value under one key: cached, or from `load`. */
  async get(key: string, load: () => Promise<{ value: T; expiresAt: Date | null }>): Promise<T> {
    const values = await this.getMany([key], async () => {
      const { value, expiresAt } = await load();
      return { values: new Map([[key, value]]), expiresAt };
    });
    return values.get(key) as T;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  close(): void {
    this.unsubscribe();
    this.entries.clear();
  }
}
