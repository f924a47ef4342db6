export type CacheStats = {
  /** Answers from a cache layer (the in-process layer's included). */
  hits: number;
  misses: number;
  loads: number;
  errors: number;
  /** Expired values served because their source was unavailable (stale-if-error). */
  stale?: number;
  /** Of the hits, those the in-process layer in front of Redis answered. */
  localHits?: number;
  /** Entries held in this process. */
  localEntries?: number;
  /** With Redis: whether this process hears other processes' writes (its copies then live longer). */
  invalidationLive?: boolean;
};

export type FetchOptions = {
  /**
   * Where the same answer was kept under older keys (the data version before the current one),
   * most wanted first: the first found is served, fresh or not, when `load` finds its source
   * unavailable and `key` holds no expired value either, so that a version bump during an
   * outage does not empty the cache.
   */
  fallbackKeys?: readonly string[];
  /** Told when the answer is such a stale one (a layer in front then does not keep it). */
  onStale?: () => void;
};

export type Cache = {
  /** `none`: the cache is disabled (benchmarks): it keeps nothing, and layers above keep nothing either. */
  readonly kind: 'memory' | 'redis' | 'none';
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  /**
   * Text kept as it is given, in the shared store alone (no JSON encoding, no in-process copy,
   * no stale copy): for answers already serialized. A store that fails answers `undefined`.
   */
  getText(key: string): Promise<string | undefined>;
  setText(key: string, text: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Read-through: returns the cached value or runs `load` once, however many callers miss the
   * same key at the same time (single-flight), and caches its result for `ttlSeconds`.
   */
  fetch<T>(
    key: string,
    load: () => Promise<T>,
    ttlSeconds: number,
    options?: FetchOptions,
  ): Promise<T>;
  /** Resolves when the cache answers; rejects when it cannot be reached. */
  ping(): Promise<void>;
  stats(): CacheStats;
  close(): Promise<void>;
};

/** The storage half of a cache: what differs between the in-process and the Redis backends. */
export type CacheStore = {
  readonly kind: Cache['kind'];
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
};
