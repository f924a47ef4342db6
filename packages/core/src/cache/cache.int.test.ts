import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCache, testCacheKinds } from '../testing';
import type { Cache } from './cache';
import { createCache } from './create-cache';

describe.each(testCacheKinds())('cache on %s', (kind) => {
  let cache: Cache;
  afterEach(() => cache.close());

  it('loads once for concurrent misses of the same key (single-flight)', async () => {
    cache = createTestCache(kind);
    let loads = 0;
    const load = async () => {
      loads++;
      await sleep(50);
      return { value: 42 };
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.fetch('k', load, 60)));
    expect(loads).toBe(1);
    expect(results.every((r) => r.value === 42)).toBe(true);
    expect(await cache.fetch('k', load, 60)).toEqual({ value: 42 });
    expect(loads).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 1, loads: 1 });
  });

  it('loads again once the entry has expired', async () => {
    cache = createTestCache(kind);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.fetch('ttl', load, 1)).toBe(1);
    await sleep(1_100);
    expect(await cache.fetch('ttl', load, 1)).toBe(2);
  });

  it('does not cache a failed load', async () => {
    cache = createTestCache(kind);
    await expect(
      cache.fetch('boom', () => Promise.reject(new Error('db down')), 60),
    ).rejects.toThrow('db down');
    expect(await cache.fetch('boom', async () => 'ok', 60)).toBe('ok');
  });

  it('round-trips values through get, set and delete', async () => {
    cache = createTestCache(kind);
    await cache.set('obj', { a: [1, 'two'], b: null }, 60);
    expect(await cache.get('obj')).toEqual({ a: [1, 'two'], b: null });
    await cache.delete('obj');
    expect(await cache.get('obj')).toBeUndefined();
  });
});

describe('cache with Redis unreachable', () => {
  it('serves from the loader and reports itself down', async () => {
    const errors: string[] = [];
    const cache = createCache({
      redisUrl: 'redis://127.0.0.1:1',
      onStoreError: (_error, operation) => errors.push(operation),
    });
    expect(await cache.fetch('x', async () => 'from-db', 60)).toBe('from-db');
    await expect(cache.ping()).rejects.toThrow();
    expect(errors).toContain('get');
    await cache.close();
  });
});
