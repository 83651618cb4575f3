// Pure: how many purchase attempts one buyer may make in a window, counted in this process.
//
// In a rush a shared counter (Redis) would cost every attempt a round trip as long as the
// admission itself. Counted per instance, a buyer may make at most `max` attempts per window on
// each instance; the engine still holds the per-buyer purchase limit exactly. The window is fixed
// and its counts are dropped whole when it ends, so memory holds one window's buyers at most.

export interface AttemptPolicy {
  max: number;
  windowMs: number;
}

export class AttemptCounter {
  private windowEnds = Number.NEGATIVE_INFINITY;
  private counts = new Map<string, number>();

  constructor(private readonly policy: AttemptPolicy) {}

  /** Counts an attempt at `now` (ms): 0 when allowed, else the whole seconds until the window ends. */
  take(key: string, now: number): number {
    // A clock set back before the window's start begins a new window too.
    if (now >= this.windowEnds || now < this.windowEnds - this.policy.windowMs) {
      this.windowEnds = now + this.policy.windowMs;
      this.counts = new Map();
    }
    const taken = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, taken);
    return taken <= this.policy.max ? 0 : Math.max(1, Math.ceil((this.windowEnds - now) / 1000));
  }
}
