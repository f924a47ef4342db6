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

describe.runIf(redis)('rate limiter leases (redis)', () => {
  const counting = async (prefix: string, platform: string) => {
    const monitor = await (redis as Redis).monitor();
    let calls = 0;
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args[3] === `${prefix}ratelimit:${platform}`) calls++;
    });
    return {
      stop: async () => {
        await new Promise((r) => setTimeout(r, 100));
        monitor.disconnect();
        return calls;
      },
    };
  };

  it('takes tokens ahead when the rate is high: one Redis call for many requests', async () => {
    const prefix = testKeyPrefix();
    const fast: Limits = { ...limits, etsy: { perSecond: 100_000, burst: 1_000 } };
    const limiters = [0, 1].map(() => createRedisRateLimiter(redis as Redis, prefix, fast));
    const monitor = await counting(prefix, 'etsy');
    for (let i = 0; i < 400; i++) await limiters[i % 2]?.acquire('etsy');
    // Leases of 250 tokens (a quarter of the burst): two calls for each process.
    expect(await monitor.stop()).toBeLessThanOrEqual(6);
  });

  it('never lets more through than the shared bucket allows', async () => {
    const prefix = testKeyPrefix();
    const fast: Limits = { ...limits, etsy: { perSecond: 2_000, burst: 100 } };
    const limiters = [0, 1].map(() => createRedisRateLimiter(redis as Redis, prefix, fast));
    const started = Date.now();
    await Promise.all(Array.from({ length: 400 }, (_, i) => limiters[i % 2]?.acquire('etsy')));
    // 100 at once, then 300 more at 2,000/s: at least 150 ms, whichever process asked.
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('drops its lease when the platform is paused', async () => {
    const client = redis as Redis;
    const limiter = createRedisRateLimiter(client, testKeyPrefix(), {
      ...limits,
      etsy: { perSecond: 100_000, burst: 1_000 },
    });
    await limiter.acquire('etsy');
    await limiter.pause('etsy', 300);
    const started = Date.now();
    await limiter.acquire('etsy');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
