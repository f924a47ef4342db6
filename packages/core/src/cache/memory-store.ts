import { LRUCache } from 'lru-cache';
import type { CacheStore } from './cache';

/** In-process LRU store: the embedded default, bounded by entry count. */
export function createMemoryStore(maxEntries: number): CacheStore {
  const lru = new LRUCache<string, string>({ max: maxEntries });
  return {
    kind: 'memory',
    get: async (key) => lru.get(key),
    set: async (key, value, ttlSeconds) => {
      lru.set(key, value, { ttl: ttlSeconds * 1000 });
    },
    delete: async (key) => {
      lru.delete(key);
    },
    ping: async () => {},
    close: async () => {
      lru.clear();
    },
  };
}
