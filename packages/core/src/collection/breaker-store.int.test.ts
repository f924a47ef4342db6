import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { testCacheKinds, testKeyPrefix, testRedisUrl } from '../testing';
import {
  type BreakerStore,
  createMemoryBreakerStore,
  createRedisBreakerStore,
} from './breaker-store';
import { createCircuitBreaker } from './circuit-breaker';

const redis = testCacheKinds().includes('redis') ? new Redis(testRedisUrl()) : null;
afterAll(() => redis?.disconnect());

const kinds: [string, () => BreakerStore][] = [['memory', () => createMemoryBreakerStore()]];
if (redis) kinds.push(['redis', () => createRedisBreakerStore(redis, testKeyPrefix())]);

const down = () => Promise.reject(new AppError('MARKETPLACE_UNAVAILABLE', 'down'));

describe.each(kinds)('circuit breakers sharing a %s store', (_kind, makeStore) => {
  // Two breakers on one store: the same platform's circuit seen by two worker processes.
  const workers = (clock: { t: number }, probeLeaseMs = 5_000) => {
    const store = makeStore();
    const make = () =>
      createCircuitBreaker({
        name: 'etsy',
        threshold: 3,
        cooldownMs: 1_000,
        probeLeaseMs,
        store,
        now: () => clock.t,
      });
    return [make(), make()] as const;
  };

  it("opens for every worker on one worker's failures", async () => {
    const clock = { t: 1_000_000 };
    const [a, b] = workers(clock);
    for (let i = 0; i < 3; i++) await expect(a.run(down)).rejects.toThrow('down');
    expect(await b.state()).toBe('open');
    let called = false;
    await expect(
      b.run(async () => {
        called = true;
      }),
    ).rejects.toMatchObject({ code: 'MARKETPLACE_UNAVAILABLE', details: { retryAfterMs: 1_000 } });
    expect(called).toBe(false);
  });

  it('trusts a healthy circuit for recheckMs without asking the store, then sees it open', async () => {
    const clock = { t: 1_000_000 };
    const store = makeStore();
    const admits = { n: 0 };
    const counted = {
      ...store,
      admit: (...args: Parameters<typeof store.admit>) => {
        admits.n++;
        return store.admit(...args);
      },
    };
    const options = { name: 'etsy', threshold: 3, cooldownMs: 1_000, now: () => clock.t };
    const a = createCircuitBreaker({ ...options, store });
    const b = createCircuitBreaker({ ...options, store: counted, recheckMs: 200 });
    for (let i = 0; i < 5; i++) await b.run(async () => 'ok');
    expect(admits.n).toBe(1);
    for (let i = 0; i < 3; i++) await expect(a.run(down)).rejects.toThrow('down');
    // Within its window b still calls out; once it is over, b sees the circuit a opened.
    await expect(b.run(async () => 'ok')).resolves.toBe('ok');
    clock.t += 200;
    await expect(b.run(async () => 'ok')).rejects.toMatchObject({
      code: 'MARKETPLACE_UNAVAILABLE',
    });
  });

  it('asks the store again right after its own failure', async () => {
    const clock = { t: 1_000_000 };
    const b = createCircuitBreaker({
      name: 'etsy',
      threshold: 1,
      cooldownMs: 1_000,
      now: () => clock.t,
      store: makeStore(),
      recheckMs: 10_000,
    });
    await b.run(async () => 'ok');
    await expect(b.run(down)).rejects.toThrow('down');
    await expect(b.run(async () => 'ok')).rejects.toMatchObject({
      code: 'MARKETPLACE_UNAVAILABLE',
    });
  });

  it('lets exactly one worker probe after the cool-down, and its success closes it for all', async () => {
    const clock = { t: 2_000_000 };
    const [a, b] = workers(clock);
    for (let i = 0; i < 3; i++) await expect(a.run(down)).rejects.toThrow();
    clock.t += 1_000;
    expect(await a.state()).toBe('half-open');
    let calls = 0;
    let release = () => {};
    const slow = () =>
      new Promise<string>((resolve) => {
        calls++;
        release = () => resolve('ok');
      });
    const probe = a.run(slow);
    await new Promise((r) => setTimeout(r, 50));
    const others = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).run(slow)),
    );
    expect(others.every((o) => o.status === 'rejected')).toBe(true);
    expect(calls).toBe(1);
    release();
    expect(await probe).toBe('ok');
    expect(await b.state()).toBe('closed');
    expect(await b.run(async () => 'again')).toBe('again');
  });

  it('re-opens on a failed probe, and a probe that never reports frees its lease', async () => {
    const clock = { t: 3_000_000 };
    const [a, b] = workers(clock, 200);
    for (let i = 0; i < 3; i++) await expect(a.run(down)).rejects.toThrow();
    clock.t += 1_000;
    await expect(b.run(down)).rejects.toThrow('down');
    expect(await a.state()).toBe('open');
    clock.t += 1_000;
    // A probe whose worker was killed: it never succeeds nor fails.
    void a.run(() => new Promise(() => {}));
    await new Promise((r) => setTimeout(r, 20));
    await expect(b.run(async () => 'blocked')).rejects.toMatchObject({
      code: 'MARKETPLACE_UNAVAILABLE',
    });
    clock.t += 200;
    expect(await b.run(async () => 'probed')).toBe('probed');
    expect(await a.state()).toBe('closed');
  });

  it('does not count permanent errors, and a healthy call clears earlier failures', async () => {
    const clock = { t: 4_000_000 };
    const [a, b] = workers(clock);
    const denied = () => Promise.reject(new AppError('MARKETPLACE_AUTH_FAILED', 'no'));
    for (let i = 0; i < 5; i++) await expect(a.run(denied)).rejects.toThrow('no');
    expect(await b.state()).toBe('closed');
    for (let i = 0; i < 2; i++) await expect(a.run(down)).rejects.toThrow();
    await b.run(async () => 'ok');
    for (let i = 0; i < 2; i++) await expect(b.run(down)).rejects.toThrow();
    expect(await a.state()).toBe('closed');
  });
});

describe('a circuit breaker whose Redis is down', () => {
  it('fails open: calls still go out, and neither failures nor successes throw for the store', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    unreachable.on('error', () => {});
    const breaker = createCircuitBreaker({
      name: 'etsy',
      threshold: 1,
      store: createRedisBreakerStore(unreachable, 'dz-test-down:'),
    });
    expect(await breaker.run(async () => 'called')).toBe('called');
    await expect(breaker.run(down)).rejects.toThrow('down');
    expect(await breaker.run(async () => 'still called')).toBe('still called');
    expect(await breaker.state()).toBe('closed');
    unreachable.disconnect();
  });
});
