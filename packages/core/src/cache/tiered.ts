import { LRUCache } from 'lru-cache';
import type { Cache, FetchOptions } from './cache';
import type { InvalidationBus } from './invalidation-bus';

export type TieredOptions = {
  /** Entry bound of the in-process layer of answers (`fetch`: decoded values, large). */
  maxEntries: number;
  /** Entry bound of the in-process layer of records (`get`/`set`: versions, small). */
  maxRecords?: number;
  /**
   * Longest time an entry lives in this process while no invalidation bus is live: how stale
   * another process's write (a data version bump) may look here. Writes from this process are
   * seen at once.
   */
  localTtlSeconds: number;
  /**
   * With a live bus, every process hears of a write at once, so entries may live this long (their
   * own TTL permitting): a hot version or API key record then costs no Redis call per request.
   */
  invalidation?: { bus: InvalidationBus; ttlSeconds: number };
};

type Entry = { value: unknown };

/**
 * An in-process LRU of decoded values in front of a shared cache (Redis): a hot key costs no
 * network round trip and no JSON parse. Misses go to the shared cache, whose single-flight loads
 * once per process. Cached values are shared: callers must not mutate them.
 *
 * `set` and `delete` are the writes of keys whose value changes (versions, revoked API keys); with
 * an invalidation bus they are announced, and every other process drops its copy. A value read
 * from Redis while its invalidation arrived is not kept (it may be the old one).
 */
export function tiered(shared: Cache, options: TieredOptions): Cache {
  const answers = new LRUCache<string, Entry>({ max: options.maxEntries });
  const records = new LRUCache<string, Entry>({ max: options.maxRecords ?? 100_000 });
  const invalidation = options.invalidation;
  const bus = invalidation?.bus;
  /** Invalidations heard so far, and the count at which each key (or everything) last went. */
  let heard = 0;
  let resetAt = 0;
  const invalidated = new Map<string, number>();
  let forgetBefore = 0;
  bus?.listen(
    (keys) => {
      heard++;
      for (const key of keys) {
        answers.delete(key);
        records.delete(key);
        invalidated.set(key, heard);
      }
    },
    () => {
      heard++;
      resetAt = heard;
      answers.clear();
      records.clear();
    },
  );
  // Expired entries are dropped every second, not kept until evicted: decoded values are large.
  // Invalidations older than one tick are forgotten: reads that take longer are not kept anyway.
  const purge = setInterval(() => {
    answers.purgeStale();
    records.purgeStale();
    for (const [key, at] of invalidated) if (at <= forgetBefore) invalidated.delete(key);
    forgetBefore = heard;
  }, 1_000);
  purge.unref();

  /** A read from Redis began: whether its answer may be kept here when it ends. */
  const reading = (key: string) => {
    const from = heard;
    const startedAt = Date.now();
    return () =>
      Date.now() - startedAt < 1_000 && resetAt <= from && (invalidated.get(key) ?? 0) <= from;
  };
  const localTtl = (ttlSeconds: number) =>
    Math.min(
      ttlSeconds,
      invalidation?.bus.live() ? invalidation.ttlSeconds : options.localTtlSeconds,
    ) * 1000;
  let localHits = 0;
  const announce = (key: string) => (bus ? bus.publish(key) : undefined);

  return {
    kind: shared.kind,
    get: async <T>(key: string) => {
      const hit = records.get(key);
      if (hit) return hit.value as T;
      const keep = reading(key);
      const value = await shared.get<T>(key);
      // Absence is remembered too: a data version never bumped costs no Redis call per request.
      if (keep()) records.set(key, { value }, { ttl: localTtl(Number.POSITIVE_INFINITY) });
      return value;
    },
    set: async (key, value, ttlSeconds) => {
      answers.delete(key);
      if (value !== undefined) records.set(key, { value }, { ttl: localTtl(ttlSeconds) });
      await shared.set(key, value, ttlSeconds);
      await announce(key);
    },
    // Text is for callers that keep their own in-process copy (the API's response cache).
    getText: (key) => shared.getText(key),
    setText: (key, text, ttlSeconds) => shared.setText(key, text, ttlSeconds),
    delete: async (key) => {
      answers.delete(key);
      records.delete(key);
      await shared.delete(key);
      await announce(key);
    },
    fetch: async <T>(
      key: string,
      load: () => Promise<T>,
      ttlSeconds: number,
      fetchOptions?: FetchOptions,
    ) => {
      const hit = answers.get(key);
      if (hit) {
        localHits++;
        return hit.value as T;
      }
      let stale = false;
      const keep = reading(key);
      const value = await shared.fetch(key, load, ttlSeconds, {
        ...fetchOptions,
        onStale: () => {
          stale = true;
          fetchOptions?.onStale?.();
        },
      });
      // A stale answer (its source down) is not kept here: the next request tries the source.
      if (!stale && value !== undefined && keep())
        answers.set(key, { value }, { ttl: localTtl(ttlSeconds) });
      return value;
    },
    ping: () => shared.ping(),
    stats: () => {
      const s = shared.stats();
      return {
        ...s,
        hits: s.hits + localHits,
        localHits,
        localEntries: answers.size + records.size,
        invalidationLive: bus?.live() ?? false,
      };
    },
    close: async () => {
      clearInterval(purge);
      answers.clear();
      records.clear();
      await Promise.all([shared.close(), bus?.close()]);
    },
  };
}
