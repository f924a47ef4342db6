import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { testCacheKinds, testKeyPrefix, testRedisUrl } from '../testing';
import { countLocally } from './count-locally';
import { createLimiter, type Limiter, type LimitRule } from './create-limiter';

const DAY: LimitRule = { name: 'api calls', points: 200, seconds: 86_400 };
/** Long flushes: the tests flush by closing, or not at all. */
const SLOW = { flushMs: 60_000, share: 0.1 };

/** A real limiter (Redis or in-process) that counts the calls made to it. */
function counted(kind: 'memory' | 'redis', keyPrefix = testKeyPrefix()) {
  const inner =
    kind === 'redis' ? createLimiter({ redisUrl: testRedisUrl(), keyPrefix }) : createLimiter();
  const calls = { consume: 0 };
  const limiter: Limiter = {
    ...inner,
    consume: (...args) => {
      calls.consume++;
      return inner.consume(...args);
    },
  };
  /** Reads the shared counts after `limiter` was closed (closing disconnects its Redis client). */
  const reader = () =>
    kind === 'redis' ? createLimiter({ redisUrl: testRedisUrl(), keyPrefix }) : inner;
  return { inner, limiter, calls, keyPrefix, reader };
}

async function grants(limiter: Limiter, rule: LimitRule, subject: string, tries: number) {
  let granted = 0;
  let refused = 0;
  for (let i = 0; i < tries; i++) {
    try {
      await limiter.consume(rule, subject);
      granted++;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'QUOTA_EXCEEDED') throw error;
      refused++;
    }
  }
  return { granted, refused };
}

describe.each(testCacheKinds())('counting quotas locally, over a %s limiter', (kind) => {
  const open: Limiter[] = [];
  afterEach(async () => {
    for (const limiter of open.splice(0)) await limiter.close();
  });

  it('keeps one tally per rule and subject, whichever object carries the rule', async () => {
    const shared = counted(kind);
    const local = countLocally(shared.limiter, SLOW);
    open.push(local);
    await local.consume({ ...DAY }, 'user:a');
    for (let i = 0; i < 19; i++) await local.consume({ ...DAY }, 'user:a');
    expect(shared.calls.consume).toBe(1);
    // Another subject, or another rule of the same name, is a tally of its own.
    await local.consume({ ...DAY }, 'user:b');
    await local.consume({ ...DAY, points: 300 }, 'user:a');
    expect(shared.calls.consume).toBe(3);
  });

  it('asks the shared counter once per share of what is left, and counts every request', async () => {
    const shared = counted(kind);
    const local = countLocally(shared.limiter, SLOW);
    const first = await local.consume(DAY, 'user:a');
    expect(first.remaining).toBe(199);
    for (let i = 0; i < 19; i++) await local.consume(DAY, 'user:a');
    // 199 left when read: a tenth of it (19) was granted here without a call.
    expect(shared.calls.consume).toBe(1);
    expect((await local.consume(DAY, 'user:a')).remaining).toBe(179);
    expect(shared.calls.consume).toBe(2);
    for (let i = 0; i < 5; i++) await local.consume(DAY, 'user:a');
    expect((await local.peek(DAY, 'user:a')).remaining).toBe(174);
    // Closing adds the 5 pending counts to the shared counter.
    await local.close();
    const reader = shared.reader();
    open.push(reader);
    expect((await reader.peek(DAY, 'user:a')).remaining).toBe(174);
  });

  it('never grants more than the limit in one process, and refuses with 429 past it', async () => {
    const shared = counted(kind);
    const local = countLocally(shared.limiter, SLOW);
    open.push(local);
    expect(await grants(local, DAY, 'user:b', 230)).toEqual({ granted: 200, refused: 30 });
    // Far fewer calls to the shared counter than requests.
    expect(shared.calls.consume).toBeLessThan(80);
  });

  it('adds what it counted to the shared counter every flush interval', async () => {
    const shared = counted(kind);
    const local = countLocally(shared.limiter, { flushMs: 20, share: 0.5 });
    open.push(local, shared.inner);
    await local.consume(DAY, 'user:c');
    for (let i = 0; i < 50; i++) await local.consume(DAY, 'user:c');
    expect(shared.calls.consume).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await shared.inner.peek(DAY, 'user:c')).remaining).toBe(149);
  });

  it('sends small rules and blocking rules to the shared counter on every call', async () => {
    const shared = counted(kind);
    const local = countLocally(shared.limiter, SLOW);
    open.push(local);
    const signIns: LimitRule = { name: 'sign-ins', points: 10, seconds: 60 };
    const blocking: LimitRule = { name: 'resets', points: 500, seconds: 60, blockSeconds: 60 };
    for (let i = 0; i < 3; i++) {
      await local.consume(signIns, 'ip:1');
      await local.consume(blocking, 'ip:1');
    }
    expect(shared.calls.consume).toBe(6);
  });
});

describe.runIf(testCacheKinds().includes('redis'))('quotas in Redis', () => {
  const open: Limiter[] = [];
  afterEach(async () => {
    for (const limiter of open.splice(0)) await limiter.close();
  });

  it('counts the first calls after a start in Redis, not in the in-process insurance limiter', async () => {
    const { inner, reader } = counted('redis');
    open.push(inner);
    await inner.consume(DAY, 'user:e');
    const shared = reader();
    open.push(shared);
    expect((await shared.peek(DAY, 'user:e')).remaining).toBe(199);
  });

  it('keeps several processes within a share of the limit each', async () => {
    const a = counted('redis');
    const b = counted('redis', a.keyPrefix);
    const first = countLocally(a.limiter, SLOW);
    const second = countLocally(b.limiter, SLOW);
    open.push(first, second);
    let granted = 0;
    for (let i = 0; i < 150; i++) {
      for (const limiter of [first, second])
        granted += (await grants(limiter, DAY, 'user:d', 1)).granted;
    }
    // Each process may grant a tenth of what it last saw left beyond the shared count.
    expect(granted).toBeGreaterThanOrEqual(200);
    expect(granted).toBeLessThanOrEqual(200 + 2 * 20);
    await first.close();
    await second.close();
    open.splice(0, 2);
    const reader = a.reader();
    open.push(reader);
    expect((await reader.peek(DAY, 'user:d')).remaining).toBe(0);
  });
});
