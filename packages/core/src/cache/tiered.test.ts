import { describe, expect, it } from 'vitest';
import type { Cache } from './cache';
import type { InvalidationBus } from './invalidation-bus';
import { tiered } from './tiered';

/** A bus this test drives by hand: what another process's writes would deliver. */
function handBus() {
  let onKeys: (keys: string[]) => void = () => {};
  let onReset: () => void = () => {};
  const bus: InvalidationBus = {
    live: () => true,
    publish: async () => {},
    listen: (keys, reset) => {
      onKeys = keys;
      onReset = reset;
    },
    close: async () => {},
  };
  return { bus, hear: (key: string) => onKeys([key]), reset: () => onReset() };
}

/** A shared cache whose reads wait until `release` and answer what `value` holds then. */
function slowShared() {
  let value: unknown = 'old';
  let reads = 0;
  let release: () => void = () => {};
  const gate = () => new Promise<void>((resolve) => (release = resolve));
  const shared = {
    kind: 'redis',
    get: async () => {
      reads++;
      const read = value;
      await gate();
      return read;
    },
    fetch: async () => {
      reads++;
      const read = value;
      await gate();
      return read;
    },
    set: async () => {},
    delete: async () => {},
    close: async () => {},
    stats: () => ({ hits: 0, misses: 0, loads: 0, errors: 0 }),
  } as unknown as Cache;
  return {
    shared,
    release: () => release(),
    write: (next: unknown) => {
      value = next;
    },
    reads: () => reads,
  };
}

/** The layer under test, over a slow shared cache, with a bus driven by hand. */
function layer() {
  const { bus, hear, reset } = handBus();
  const store = slowShared();
  const cache = tiered(store.shared, {
    maxEntries: 10,
    localTtlSeconds: 2,
    invalidation: { bus, ttlSeconds: 60 },
  });
  return { cache, store, hear, reset };
}

describe('the in-process layer with an invalidation bus', () => {
  it.each(['get', 'fetch'] as const)(
    'does not keep what %s read while the key was invalidated (it may be the old value)',
    async (method) => {
      const { cache, store, hear } = layer();
      const read = () =>
        method === 'get' ? cache.get('version') : cache.fetch('version', async () => 'x', 60);
      const first = read();
      // Another process writes and announces it before the read's answer comes back.
      store.write('new');
      hear('version');
      store.release();
      expect(await first).toBe('old');
      // Not kept: the next read goes to the shared cache again and finds the new value.
      const second = read();
      store.release();
      expect(await second).toBe('new');
      expect(store.reads()).toBe(2);
      // An undisturbed read is kept.
      expect(await read()).toBe('new');
      expect(store.reads()).toBe(2);
      await cache.close();
    },
  );

  it('drops every copy when the bus resets, and a read under way is not kept', async () => {
    const { cache, store, reset } = layer();
    const first = cache.get('a');
    store.release();
    await first;
    expect(store.reads()).toBe(1);
    const during = cache.get('b');
    reset();
    store.release();
    await during;
    const again = cache.get('a');
    store.release();
    await again;
    const b = cache.get('b');
    store.release();
    await b;
    expect(store.reads()).toBe(4);
    await cache.close();
  });
});
