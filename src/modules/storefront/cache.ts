import type { ChangeFeed } from '../../platform/changes.js';
import type { Clock } from '../../platform/clock.js';

// Serialized storefront responses. An entry is dropped when the data behind it changes (the
// change feed: at once in this process, through NOTIFY in the others) or when time alone can
// change it (a certificate expiring, a deployment going live: the loader says when).
//
// A load that started before a change must not store its now-stale result after the drop:
// every entry carries the generation it was loaded in, and a change starts a new generation.

export interface Loaded {
  body: string;
  /** When the body stops being true by itself; null: only a change can make it stale. */
  expiresAt: Date | null;
}

interface Entry {
  generation: number;
  loaded: Promise<Loaded>;
  expiresAt: number;
}

export class ResponseCache {
  private generation = 0;
  private readonly entries = new Map<string, Entry>();
  private readonly unsubscribe: () => void;

  constructor(
    changes: ChangeFeed,
    private readonly clock: Clock,
  ) {
    // A flash sale's counts change many times a second in a rush; no storefront response holds them.
    this.unsubscribe = changes.subscribe((topic) => {
      if (topic !== 'flash-sales') this.clear();
    });
  }

  /** The cached body for key, or the result of load, shared by concurrent callers. */
  async get(key: string, load: () => Promise<Loaded>): Promise<string> {
    const entry = this.entries.get(key);
    if (entry && entry.generation === this.generation && this.clock.now().getTime() < entry.expiresAt) {
      return (await entry.loaded).body;
    }
    const fresh: Entry = { generation: this.generation, loaded: load(), expiresAt: Number.POSITIVE_INFINITY };
    this.entries.set(key, fresh);
    try {
      const loaded = await fresh.loaded;
      fresh.expiresAt = loaded.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
      return loaded.body;
    } catch (error) {
      // A failed load is not cached: the next request tries again.
      if (this.entries.get(key) === fresh) this.entries.delete(key);
      throw error;
    }
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
