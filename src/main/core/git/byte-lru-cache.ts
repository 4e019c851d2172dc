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

/** A byte-bounded cache of values loaded on demand; concurrent requests for one key share a single load. */
export class LoadingCache<V> {
  private readonly values: ByteLruCache<V>;
  private readonly loading = new Map<string, Promise<V>>();

  constructor(
    maxBytes: number,
    /** An estimate of the memory `value` holds. */
    private readonly weigh: (value: V) => number,
  ) {
    this.values = new ByteLruCache(maxBytes);
  }

  /** The cached value of `key`, or the result of `load()` (then cached). A failed load is not cached. */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.values.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    let pending = this.loading.get(key);
    if (!pending) {
      pending = load().then(
        (value) => {
          this.loading.delete(key);
          this.values.set(key, value, this.weigh(value));
          return value;
        },
        (error: unknown) => {
          this.loading.delete(key);
          throw error;
        },
      );
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** Stores a value known without loading (an object this process just wrote). */
  set(key: string, value: V): void {
    this.values.set(key, value, this.weigh(value));
  }

  /** True when `key` is cached (loads in progress do not count). */
  has(key: string): boolean {
    return this.values.get(key) !== undefined;
  }
}
