import { isServiceUnavailable } from '../errors';
import type { Cache, CacheStats, CacheStore, FetchOptions } from './cache';

export type ReadThroughOptions = {
  /** Called when the store fails; the cache then behaves as a miss and serves from `load`. */
  onStoreError?: (error: unknown, operation: string) => void;
};

/** What the store holds: the value and when it stops being fresh (ms since the epoch). */
type Stored = { $v: unknown; $e: number };
const isStored = (x: unknown): x is Stored =>
  typeof x === 'object' && x !== null && '$e' in x && '$v' in x;

/**
 * How long past its time a value stays in the store, to be served only while its source is
 * unavailable (stale-if-error): as long again as its TTL, at most 5 minutes.
 */
export const staleSeconds = (ttlSeconds: number) => Math.min(ttlSeconds, 300);

/**
 * Wraps a store with JSON encoding, single-flight loading and hit/miss counters. A store that
 * fails (Redis down) degrades to loading from the source instead of failing the request; a
 * source that is unavailable (PostgreSQL down) is answered, where the store still holds one, by
 * the value that expired last, or else by the value kept under one of `fallbackKeys` (counted as `stale`).
 */
export function readThrough(store: CacheStore, options: ReadThroughOptions = {}): Cache {
  const counters: CacheStats & { stale: number } = {
    hits: 0,
    misses: 0,
    loads: 0,
    errors: 0,
    stale: 0,
  };

  const failed = (error: unknown, operation: string) => {
    counters.errors++;
    options.onStoreError?.(error, operation);
  };

  /** The stored value and whether it is still fresh; entries of older versions are plain JSON. */
  const read = async (key: string): Promise<{ value: unknown; fresh: boolean } | undefined> => {
    try {
      const raw = await store.get(key);
      if (raw === undefined) return undefined;
      const parsed: unknown = JSON.parse(raw);
      return isStored(parsed)
        ? { value: parsed.$v, fresh: parsed.$e > Date.now() }
        : { value: parsed, fresh: true };
    } catch (error) {
      failed(error, 'get');
      return undefined;
    }
  };

  const get = async <T>(key: string): Promise<T | undefined> => {
    const entry = await read(key);
    return entry?.fresh ? (entry.value as T) : undefined;
  };

  const set = async <T>(key: string, value: T, ttlSeconds: number) => {
    // Disabled, nothing is kept: no answer is encoded for nothing (a search's was 1-2% of its CPU).
    if (value === undefined || store.kind === 'none') return;
    const stored: Stored = { $v: value, $e: Date.now() + ttlSeconds * 1000 };
    try {
      await store.set(key, JSON.stringify(stored), ttlSeconds + staleSeconds(ttlSeconds));
    } catch (error) {
      failed(error, 'set');
    }
  };

  /** A load's outcome, shared by every caller that joined it: each is told whether it is stale. */
  type Loaded = { value: unknown; stale: boolean };
  const inFlight = new Map<string, Promise<Loaded>>();

  const loadOnce = (
    key: string,
    load: () => Promise<unknown>,
    ttlSeconds: number,
    expired: { value: unknown } | undefined,
    options: FetchOptions | undefined,
  ): Promise<Loaded> => {
    const pending = inFlight.get(key);
    if (pending) return pending;
    const promise = (async (): Promise<Loaded> => {
      counters.loads++;
      let value: unknown;
      try {
        value = await load();
      } catch (error) {
        if (!isServiceUnavailable(error)) throw error;
        let stale = expired;
        for (const fallbackKey of options?.fallbackKeys ?? []) {
          if (stale) break;
          stale = await read(fallbackKey);
        }
        if (!stale) throw error;
        counters.stale++;
        return { value: stale.value, stale: true };
      }
      await set(key, value, ttlSeconds);
      return { value, stale: false };
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  };

  /** The value of a load, telling this caller when it is a stale one. */
  const unwrap = async <T>(loaded: Promise<Loaded>, options: FetchOptions | undefined) => {
    const { value, stale } = await loaded;
    if (stale) options?.onStale?.();
    return value as T;
  };

  return {
    kind: store.kind,
    get,
    set,
    getText: async (key) => {
      try {
        return await store.get(key);
      } catch (error) {
        failed(error, 'get');
        return undefined;
      }
    },
    setText: async (key, text, ttlSeconds) => {
      try {
        await store.set(key, text, ttlSeconds);
      } catch (error) {
        failed(error, 'set');
      }
    },
    delete: async (key) => {
      try {
        await store.delete(key);
      } catch (error) {
        failed(error, 'delete');
      }
    },
    fetch: async <T>(
      key: string,
      load: () => Promise<T>,
      ttlSeconds: number,
      fetchOptions?: FetchOptions,
    ) => {
      const pending = inFlight.get(key);
      if (pending) return unwrap<T>(pending, fetchOptions);
      const entry = await read(key);
      if (entry?.fresh) {
        counters.hits++;
        return entry.value as T;
      }
      counters.misses++;
      return unwrap<T>(loadOnce(key, load, ttlSeconds, entry, fetchOptions), fetchOptions);
    },
    ping: () => store.ping(),
    stats: () => ({ ...counters }),
    close: () => store.close(),
  };
}
