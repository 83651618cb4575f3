// Rows read from the database, kept in memory until a change to what they were read from drops
// them. Concurrent callers share one load.
//
// A load that started before a change must not be kept after the drop: it may have read the data
// before the change was committed. Every load carries the generation it started in, a drop starts
// a new generation, and only a load of the current generation is ever handed to a later caller.

interface Load<T> {
  generation: number;
  rows: Promise<T>;
}

export class CachedRows<T> {
  private generation = 0;
  private current: Load<T> | undefined;

  constructor(private readonly load: () => Promise<T>) {}

  /** The rows: kept ones, or loaded now. */
  get(): Promise<T> {
    return this.held() ?? this.start();
  }

  /** The rows if kept (or being loaded) in this generation; undefined when they would have to be read. */
  held(): Promise<T> | undefined {
    return this.current?.generation === this.generation ? this.current.rows : undefined;
  }

  /** What they were read from changed: the next caller reads them again. */
  drop(): void {
    this.generation++;
    this.current = undefined;
  }

  private start(): Promise<T> {
    const load: Load<T> = { generation: this.generation, rows: this.load() };
    this.current = load;
    // A failed load is not kept: the next caller tries again.
    load.rows.catch(() => {
      if (this.current === load) this.current = undefined;
    });
    return load.rows;
  }
}
