import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestCache, testCacheKinds, testKeyPrefix, testRedisUrl } from '../testing';
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

  it('serves an expired value while its source is unavailable, for as long again as its TTL', async () => {
    cache = createTestCache(kind);
    const down = () =>
      Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(await cache.fetch('stale', async () => 'first', 1)).toBe('first');
    await sleep(1_100);
    expect(await cache.get('stale')).toBeUndefined();
    // Only an unavailable source: any other failure is the caller's to see.
    await expect(cache.fetch('stale', () => Promise.reject(new Error('bug')), 1)).rejects.toThrow(
      'bug',
    );
    expect(await cache.fetch('stale', down, 1)).toBe('first');
    expect(cache.stats().stale).toBe(1);
    await sleep(1_300);
    await expect(cache.fetch('stale', down, 1)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // A fresh load ends it: the new value is served, fresh, for its TTL.
    expect(await cache.fetch('stale', async () => 'second', 60)).toBe('second');
    expect(await cache.fetch('stale', down, 60)).toBe('second');
  });

  it('answers from the fallback key only while the source is unavailable and the key holds nothing', async () => {
    cache = createTestCache(kind);
    const down = () =>
      Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(await cache.fetch('answer:v1', async () => 'under v1', 60)).toBe('under v1');
    // Any other failure is still the caller's to see, fallback or not.
    await expect(
      cache.fetch('answer:v2', () => Promise.reject(new Error('bug')), 60, {
        fallbackKeys: ['answer:v0', 'answer:v1'],
      }),
    ).rejects.toThrow('bug');
    expect(
      await cache.fetch('answer:v2', down, 60, { fallbackKeys: ['answer:v0', 'answer:v1'] }),
    ).toBe('under v1');
    expect(cache.stats().stale).toBe(1);
    // The fallback is not stored under the new key: once the source is back, it loads.
    expect(await cache.fetch('answer:v2', async () => 'under v2', 60)).toBe('under v2');
    // Nothing under either key: the failure stands.
    await expect(
      cache.fetch('other:v2', down, 60, { fallbackKeys: ['other:v1'] }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('round-trips values through get, set and delete', async () => {
    cache = createTestCache(kind);
    await cache.set('obj', { a: [1, 'two'], b: null }, 60);
    expect(await cache.get('obj')).toEqual({ a: [1, 'two'], b: null });
    await cache.delete('obj');
    expect(await cache.get('obj')).toBeUndefined();
  });

  it('keeps text as it is given, expiring with its TTL', async () => {
    cache = createTestCache(kind);
    const text = '{"h":1}\n{"data":["ünïcode", "quote\\"d"]}';
    await cache.setText('text', text, 1);
    expect(await cache.getText('text')).toBe(text);
    expect(await cache.getText('other')).toBeUndefined();
    await sleep(1_100);
    expect(await cache.getText('text')).toBeUndefined();
  });
});

describe('a disabled cache', () => {
  it('keeps nothing and says so', async () => {
    const cache = createCache({ disabled: true });
    expect(cache.kind).toBe('none');
    await cache.set('k', 1, 60);
    await cache.setText('t', 'x', 60);
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.getText('t')).toBeUndefined();
    let loads = 0;
    await cache.fetch('f', async () => ++loads, 60);
    await cache.fetch('f', async () => ++loads, 60);
    expect(loads).toBe(2);
    await cache.close();
  });

  it('encodes nothing it loads or is given (uncached benchmarks measure the loads alone)', async () => {
    const cache = createCache({ disabled: true });
    let encoded = 0;
    const value = { toJSON: () => ++encoded };
    await cache.fetch('f', async () => value, 60);
    await cache.set('k', value, 60);
    expect(encoded).toBe(0);
    await cache.close();
  });
});

describe('a Redis cache that cannot reach Redis', () => {
  it('answers text lookups as misses and counts the errors', async () => {
    const cache = createCache({ redisUrl: 'redis://127.0.0.1:1', keyPrefix: testKeyPrefix() });
    await cache.setText('t', 'x', 60);
    expect(await cache.getText('t')).toBeUndefined();
    expect(cache.stats().errors).toBe(2);
    await cache.close();
  });
});

describe.runIf(testCacheKinds().includes('redis'))('in-process layer in front of Redis', () => {
  it('loads on fetch after a get found the key absent (the remembered absence is no value)', async () => {
    const cache = createCache({ redisUrl: testRedisUrl(), keyPrefix: testKeyPrefix() });
    expect(await cache.get('absent')).toBeUndefined();
    expect(await cache.fetch('absent', async () => 'loaded', 60)).toBe('loaded');
    await cache.close();
  });

  it('keeps no stale answer in memory, not even for callers that joined its load', async () => {
    const cache = createCache({ redisUrl: testRedisUrl(), keyPrefix: testKeyPrefix() });
    const down = async (): Promise<string> => {
      await sleep(50);
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    };
    await cache.fetch('answer:v1', async () => 'under v1', 60);
    const options = { fallbackKeys: ['answer:v1'] };
    const first = cache.fetch('answer:v2', down, 60, options);
    await sleep(10); // the others join the load under way
    const answers = await Promise.all([
      first,
      ...[2, 3].map(() => cache.fetch('answer:v2', down, 60, options)),
    ]);
    expect(answers).toEqual(['under v1', 'under v1', 'under v1']);
    // The source is back: the next request reads it, from no caller's memory of the stale answer.
    expect(await cache.fetch('answer:v2', async () => 'under v2', 60)).toBe('under v2');
    await cache.close();
  });

  /** Resolves once `cache` hears other processes' writes. */
  const live = (cache: Cache) =>
    vi.waitFor(() => expect(cache.stats().invalidationLive).toBe(true), { timeout: 5_000 });

  it("answers hot keys from memory, and hears every other process's writes at once", async () => {
    const keyPrefix = testKeyPrefix();
    const a = createCache({ redisUrl: testRedisUrl(), keyPrefix, localTtlSeconds: 1 });
    const b = createCache({ redisUrl: testRedisUrl(), keyPrefix, localTtlSeconds: 1 });
    await Promise.all([live(a), live(b)]);
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await a.fetch('hot', load, 60)).toEqual({ n: 1 });
    const first = await a.fetch('hot', load, 60);
    expect(await a.fetch('hot', load, 60)).toBe(first); // the same decoded object: no Redis, no parse
    expect(a.stats()).toMatchObject({ localHits: 2, misses: 1, localEntries: 1 });
    // Another process's cache shares Redis: it hits without loading.
    expect(await b.fetch('hot', load, 60)).toEqual({ n: 1 });
    expect(loads).toBe(1);

    expect(await b.get('version')).toBeUndefined();
    await a.set('version', 1, 60);
    expect(await a.get('version')).toBe(1); // its own write, at once
    // b remembered the absence; a's write reaches it at once, not at the end of its TTL.
    await vi.waitFor(async () => expect(await b.get('version')).toBe(1), { timeout: 500 });
    await a.set('version', 2, 60);
    await vi.waitFor(async () => expect(await b.get('version')).toBe(2), { timeout: 500 });
    await b.delete('version');
    await vi.waitFor(async () => expect(await a.get('version')).toBeUndefined(), {
      timeout: 500,
    });
    await Promise.all([a.close(), b.close()]);
  });

  it("announces a write made the moment a process starts (the write's own connection carries it)", async () => {
    const keyPrefix = testKeyPrefix();
    const reader = createCache({ redisUrl: testRedisUrl(), keyPrefix, localTtlSeconds: 1 });
    await live(reader);
    expect(await reader.get('version')).toBeUndefined();
    const writer = createCache({ redisUrl: testRedisUrl(), keyPrefix, localTtlSeconds: 1 });
    await writer.set('version', 7, 60);
    await vi.waitFor(async () => expect(await reader.get('version')).toBe(7), { timeout: 500 });
    await Promise.all([reader.close(), writer.close()]);
  });

  it('keeps a copy past the short TTL while it hears writes, and drops every copy when it stops hearing them', async () => {
    const keyPrefix = testKeyPrefix();
    const cache = createCache({ redisUrl: testRedisUrl(), keyPrefix, localTtlSeconds: 1 });
    await live(cache);
    const behind = new Redis(testRedisUrl(), { keyPrefix });
    await cache.set('version', 1, 60);
    // A write no process announced (only an outside client does that): the copy stands.
    await behind.set('version', JSON.stringify({ $v: 9, $e: Date.now() + 60_000 }));
    await sleep(1_300);
    expect(await cache.get('version')).toBe(1);
    // Its subscription cut: messages may have been missed, so the copies go.
    const clients = String(await behind.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
    const id = new RegExp(`id=(\\d+) .*name=${keyPrefix}invalidate `).exec(clients)?.[1];
    expect(id).toBeDefined();
    await behind.call('CLIENT', 'KILL', 'ID', id as string);
    await vi.waitFor(async () => expect(await cache.get('version')).toBe(9), { timeout: 2_000 });
    // It subscribes again by itself.
    await live(cache);
    behind.disconnect();
    await cache.close();
  });

  it('drops expired entries from memory instead of keeping them until evicted', async () => {
    const cache = createCache({
      redisUrl: testRedisUrl(),
      keyPrefix: testKeyPrefix(),
      localTtlSeconds: 1,
      invalidatedTtlSeconds: 1,
    });
    await live(cache);
    for (let i = 0; i < 50; i++) await cache.fetch(`k${i}`, async () => ({ i }), 60);
    expect(cache.stats().localEntries).toBe(50);
    await sleep(2_200);
    expect(cache.stats().localEntries).toBe(0);
    await cache.close();
  });
});

describe('cache disabled', () => {
  it('stores nothing: every lookup loads', async () => {
    const cache = createCache({ disabled: true });
    let loads = 0;
    await cache.fetch('k', async () => ++loads, 60);
    await cache.set('v', 1, 60);
    expect(await cache.fetch('k', async () => ++loads, 60)).toBe(2);
    expect(await cache.get('v')).toBeUndefined();
    await cache.close();
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
