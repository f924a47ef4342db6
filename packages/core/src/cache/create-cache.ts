import type { Cache } from './cache';
import { createMemoryStore } from './memory-store';
import { type ReadThroughOptions, readThrough } from './read-through';
import { createRedisStore } from './redis-store';

export type CreateCacheOptions = ReadThroughOptions & {
  /** Redis connection string; without it the cache lives in this process. */
  redisUrl?: string;
  /** Prefix for every key, so that several apps or tests share one Redis safely. */
  keyPrefix?: string;
  /** Entry bound of the in-process cache. */
  maxEntries?: number;
};

export function createCache(options: CreateCacheOptions = {}): Cache {
  const store = options.redisUrl
    ? createRedisStore(options.redisUrl, options.keyPrefix ?? 'dz:')
    : createMemoryStore(options.maxEntries ?? 50_000);
  return readThrough(store, options);
}
