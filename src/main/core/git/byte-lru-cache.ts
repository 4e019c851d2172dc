// A least-recently-used cache bounded by the bytes of the values it holds (inflated objects, delta bases).

/** Keeps values up to `maxBytes` in total, dropping the least recently used first. */
export class ByteLruCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private totalBytes = 0;

  constructor(
    private readonly maxBytes: number,
    /** Values larger than this are never kept, so one huge blob cannot flush everything else. */
    private readonly maxEntryBytes = Math.floor(maxBytes / 4),
  ) {}

  /** The value under `key`, marking it as recently used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` (of `bytes` size) unless it is too large, evicting old entries to make room. */
  set(key: string, value: V, bytes: number): void {
    if (bytes > this.maxEntryBytes) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.totalBytes -= previous.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { value, bytes });
    this.totalBytes += bytes;
    for (const [oldKey, old] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.totalBytes -= old.bytes;
    }
  }

  /** Bytes currently held. */
  get size(): number {
    return this.totalBytes;
  }

  /** Drops everything. */
  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }
}

/** A Map bounded by entry count that forgets the oldest insertions first (for parsed commits and trees). */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly maxEntries: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.maxEntries) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.set(key, value);
  }
}
