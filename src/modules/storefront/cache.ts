import type { ChangeFeed } from '../../platform/changes.js';

// Serialized storefront responses, dropped whenever the catalog, a market or an assortment
// changes (in this process at once; in other instances through the change feed).
//
// A load that started before a change must not store its now-stale result after the drop:
// every entry carries the generation it was loaded in, and a change starts a new generation.

export class ResponseCache {
  private generation = 0;
  private readonly entries = new Map<string, { generation: number; body: Promise<string> }>();
  private readonly unsubscribe: () => void;

  constructor(changes: ChangeFeed) {
    this.unsubscribe = changes.subscribe(() => this.clear());
  }

  /** The cached body for key, or the result of load, shared by concurrent callers. */
  get(key: string, load: () => Promise<string>): Promise<string> {
    const entry = this.entries.get(key);
    if (entry && entry.generation === this.generation) return entry.body;
    const generation = this.generation;
    const body = load();
    this.entries.set(key, { generation, body });
    // A failed load is not cached: the next request tries again.
    body.catch(() => {
      if (this.entries.get(key)?.body === body) this.entries.delete(key);
    });
    return body;
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
