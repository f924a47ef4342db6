import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { testCacheKinds, testKeyPrefix, testRedisUrl } from '../testing';
import {
  createMemoryRateLimiter,
  createRedisRateLimiter,
  type Limits,
  type RateLimiter,
} from './rate-limiter';

const limits: Limits = {
  amazon: { perSecond: 20, burst: 2 },
  etsy: { perSecond: 1_000, burst: 1_000 },
  ebay: { perSecond: 1, burst: 1 },
};
const redis = testCacheKinds().includes('redis') ? new Redis(testRedisUrl()) : null;
afterAll(() => redis?.disconnect());

const kinds: [string, () => RateLimiter[]][] = [
  ['memory', () => [createMemoryRateLimiter(limits)]],
];
if (redis) {
  kinds.push([
    'redis',
    () => {
      const prefix = testKeyPrefix();
      // Two limiters on one prefix: two worker processes sharing the platform's budget.
      return [
        createRedisRateLimiter(redis, prefix, limits),
        createRedisRateLimiter(redis, prefix, limits),
      ];
    },
  ]);
}

describe.each(kinds)('rate limiter (%s)', (_kind, make) => {
  it('lets a burst through, then paces requests at the platform rate', async () => {
    const limiters = make();
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => limiters[i % limiters.length]?.acquire('amazon')),
    );
    const elapsed = Date.now() - started;
    // 2 at once, then 10 more at 20/s: about 500 ms, whichever process asked.
    expect(elapsed).toBeGreaterThanOrEqual(400);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('pauses a platform for everyone after a Retry-After', async () => {
    const limiters = make();
    await limiters[0]?.pause('etsy', 600);
    const started = Date.now();
    await limiters.at(-1)?.acquire('etsy');
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it('keeps platforms apart', async () => {
    const limiters = make();
    await limiters[0]?.pause('ebay', 5_000);
    const started = Date.now();
    await limiters[0]?.acquire('etsy');
    expect(Date.now() - started).toBeLessThan(200);
  });
});
