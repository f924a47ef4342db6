import type { Cache, CacheStats, CacheStore } from './cache';

export type ReadThroughOptions = {
  /** Called when the store fails; the cache then behaves as a miss and serves from `load`. */
  onStoreError?: (error: unknown, operation: string) => void;
};

/**
 * Wraps a store with JSON encoding, single-flight loading and hit/miss counters. A store that
 * fails (Redis down) degrades to loading from the source instead of failing the request.
 */
export function readThrough(store: CacheStore, options: ReadThroughOptions = {}): Cache {
  const inFlight = new Map<string, Promise<unknown>>();
  const counters: CacheStats = { hits: 0, misses: 0, loads: 0, errors: 0 };

  const failed = (error: unknown, operation: string) => {
    counters.errors++;
    options.onStoreError?.(error, operation);
  };

  const get = async <T>(key: string): Promise<T | undefined> => {
    try {
      const raw = await store.get(key);
      return raw === undefined ? undefined : (JSON.parse(raw) as T);
    } catch (error) {
      failed(error, 'get');
      return undefined;
    }
  };

  const set = async <T>(key: string, value: T, ttlSeconds: number) => {
    try {
      await store.set(key, JSON.stringify(value), ttlSeconds);
    } catch (error) {
      failed(error, 'set');
    }
  };

  const loadOnce = <T>(key: string, load: () => Promise<T>, ttlSeconds: number): Promise<T> => {
    const pending = inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const promise = (async () => {
      counters.loads++;
      const value = await load();
      await set(key, value, ttlSeconds);
      return value;
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  };

  return {
    kind: store.kind,
    get,
    set,
    delete: async (key) => {
      try {
        await store.delete(key);
      } catch (error) {
        failed(error, 'delete');
      }
    },
    fetch: async (key, load, ttlSeconds) => {
      const pending = inFlight.get(key);
      if (pending) return pending as ReturnType<typeof load>;
      const cached = await get<Awaited<ReturnType<typeof load>>>(key);
      if (cached !== undefined) {
        counters.hits++;
        return cached;
      }
      counters.misses++;
      return loadOnce(key, load, ttlSeconds);
    },
    ping: () => store.ping(),
    stats: () => ({ ...counters }),
    close: () => store.close(),
  };
}
