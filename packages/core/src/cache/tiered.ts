import { LRUCache } from 'lru-cache';
import type { Cache, FetchOptions } from './cache';

export type TieredOptions = {
  /** Entry bound of the in-process layer. */
  maxEntries: number;
  /**
   * Longest time an entry lives in this process: how stale another process's write (a data
   * version bump) may look here. Writes from this process are seen at once.
   */
  localTtlSeconds: number;
};

/**
 * An in-process LRU of decoded values in front of a shared cache (Redis): a hot key costs no
 * network round trip and no JSON parse. Misses go to the shared cache, whose single-flight loads
 * once per process. Cached values are shared: callers must not mutate them.
 */
export function tiered(shared: Cache, options: TieredOptions): Cache {
  const local = new LRUCache<string, { value: unknown }>({ max: options.maxEntries });
  // Expired entries are dropped every second, not kept until evicted: decoded values are large.
  const purge = setInterval(() => local.purgeStale(), 1_000);
  purge.unref();
  let localHits = 0;
  const localTtl = (ttlSeconds: number) => Math.min(ttlSeconds, options.localTtlSeconds) * 1000;
  const remember = (key: string, value: unknown, ttlSeconds: number) => {
    if (value !== undefined) local.set(key, { value }, { ttl: localTtl(ttlSeconds) });
  };

  return {
    kind: shared.kind,
    get: async <T>(key: string) => {
      const hit = local.get(key);
      if (hit) return hit.value as T;
      const value = await shared.get<T>(key);
      // Absence is remembered too: a data version never bumped costs no Redis call per request.
      local.set(key, { value }, { ttl: localTtl(options.localTtlSeconds) });
      return value;
    },
    set: async (key, value, ttlSeconds) => {
      remember(key, value, ttlSeconds);
      await shared.set(key, value, ttlSeconds);
    },
    // Text is for callers that keep their own in-process copy (the API's response cache).
    getText: (key) => shared.getText(key),
    setText: (key, text, ttlSeconds) => shared.setText(key, text, ttlSeconds),
    delete: async (key) => {
      local.delete(key);
      await shared.delete(key);
    },
    fetch: async <T>(
      key: string,
      load: () => Promise<T>,
      ttlSeconds: number,
      fetchOptions?: FetchOptions,
    ) => {
      const hit = local.get(key);
      // An absence `get` remembered is no answer for `fetch`: it loads.
      if (hit && hit.value !== undefined) {
        localHits++;
        return hit.value as T;
      }
      let stale = false;
      const value = await shared.fetch(key, load, ttlSeconds, {
        ...fetchOptions,
        onStale: () => {
          stale = true;
          fetchOptions?.onStale?.();
        },
      });
      // A stale answer (its source down) is not kept here: the next request tries the source.
      if (!stale) remember(key, value, ttlSeconds);
      return value;
    },
    ping: () => shared.ping(),
    stats: () => {
      const s = shared.stats();
      return { ...s, hits: s.hits + localHits, localHits, localEntries: local.size };
    },
    close: async () => {
      clearInterval(purge);
      local.clear();
      await shared.close();
    },
  };
}
