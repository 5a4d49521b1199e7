/**
 * A map that keeps its most recently used entries within a total size, each value measured by
 * `sizeOf` (`() => 1` bounds the count). What this process holds between invocations (the state
 * bodies of `StateCache`) must not grow with the archive.
 */
export class LruMap<V> {
  private readonly entries = new Map<string, V>();
  private total = 0;

  constructor(
    private readonly max: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // Map order is insertion order: re-inserting marks the entry most recently used.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Holds the value, unless it alone exceeds the bound; the least recently used go first. */
  set(key: string, value: V): void {
    this.delete(key);
    const size = this.sizeOf(value);
    if (size > this.max) return;
    this.entries.set(key, value);
    this.total += size;
    for (const [oldest, value] of this.entries) {
      if (this.total <= this.max) break;
      this.entries.delete(oldest);
      this.total -= this.sizeOf(value);
    }
  }

  delete(key: string): void {
    const value = this.entries.get(key);
    if (value === undefined) return;
    this.entries.delete(key);
    this.total -= this.sizeOf(value);
  }
}
