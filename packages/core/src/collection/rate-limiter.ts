import type { Platform } from '@digitallz/contracts';
import type { Redis } from 'ioredis';
import defaults from './platform-limits.json';
import { redisScript } from './redis-script';

export type Limit = { perSecond: number; burst: number };
export type Limits = Record<Platform, Limit>;

export const DEFAULT_LIMITS: Limits = defaults;

/** Per-platform token buckets shared by every worker; Retry-After pauses a platform for all of them. */
export type RateLimiter = {
  /** Resolves when a request to `platform` may be sent. */
  acquire(platform: Platform): Promise<void>;
  /** No request to `platform` before `ms` from now (a 429's Retry-After). */
  pause(platform: Platform, ms: number): Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function acquireWith(take: () => Promise<number>): Promise<void> {
  for (;;) {
    const waitMs = await take();
    if (waitMs <= 0) return;
    await sleep(Math.min(waitMs, 1_000));
  }
}

/** The embedded limiter: same buckets, in this process. */
export function createMemoryRateLimiter(
  limits: Limits = DEFAULT_LIMITS,
  now: () => number = Date.now,
): RateLimiter {
  const buckets = new Map<Platform, { tokens: number; at: number; pausedUntil: number }>();
  const take = async (platform: Platform) => {
    const { perSecond, burst } = limits[platform];
    const t = now();
    const b = buckets.get(platform) ?? { tokens: burst, at: t, pausedUntil: 0 };
    buckets.set(platform, b);
    if (b.pausedUntil > t) return b.pausedUntil - t;
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * perSecond);
    b.at = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) / perSecond) * 1000);
  };
  return {
    acquire: (platform) => acquireWith(() => take(platform)),
    pause: async (platform, ms) => {
      const b = buckets.get(platform) ?? {
        tokens: limits[platform].burst,
        at: now(),
        pausedUntil: 0,
      };
      b.pausedUntil = Math.max(b.pausedUntil, now() + ms);
      buckets.set(platform, b);
    },
  };
}

/**
 * Atomic token bucket: takes up to ARGV[4] tokens (at least one) and returns {taken, 0}, or
 * {0, milliseconds to wait} when not even one is there.
 */
const TAKE = redisScript(`
local bucket, pause = KEYS[1], KEYS[2]
local rate, burst, now, want = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local paused = tonumber(redis.call('GET', pause) or '0')
if paused > now then return {0, paused - now} end
local state = redis.call('HMGET', bucket, 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + (now - at) / 1000 * rate)
local taken, wait = 0, 0
if tokens >= 1 then
  taken = math.min(want, math.floor(tokens))
  tokens = tokens - taken
else
  wait = math.ceil((1 - tokens) / rate * 1000)
end
redis.call('HSET', bucket, 'tokens', tokens, 'at', now)
redis.call('PEXPIRE', bucket, 60000)
return {taken, wait}`);

/**
 * How long a worker may hold tokens it took ahead. A platform allowing many requests a second is
 * asked for a lease of this much of its rate at once, up to a quarter of its burst (one Redis call
 * for several requests); one
 * allowing few is asked for one token at a time, as before. A lease not used in time is dropped,
 * so the platform's quota is never exceeded, only at worst left a little unused.
 */
export const LEASE_MS = 50;

const PAUSE = redisScript(
  "local c = tonumber(redis.call('GET', KEYS[1]) or '0') if tonumber(ARGV[1]) > c then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end return 1",
);

export function createRedisRateLimiter(
  redis: Redis,
  prefix: string,
  limits: Limits = DEFAULT_LIMITS,
): RateLimiter {
  const keys = (platform: Platform) => [
    `${prefix}ratelimit:${platform}`,
    `${prefix}ratelimit:${platform}:pause`,
  ];
  const leases = new Map<Platform, { tokens: number; until: number }>();
  return {
    acquire: (platform) =>
      acquireWith(async () => {
        const now = Date.now();
        const lease = leases.get(platform);
        if (lease && lease.tokens > 0 && lease.until > now) {
          lease.tokens--;
          return 0;
        }
        const { perSecond, burst } = limits[platform];
        // A quarter of the burst at most, so that one worker's lease never starves the others.
        const want = Math.max(
          1,
          Math.min(Math.floor(burst / 4), Math.floor((perSecond * LEASE_MS) / 1000)),
        );
        const [taken, wait] = (await TAKE(redis, keys(platform), [
          perSecond,
          burst,
          now,
          want,
        ])) as [number, number];
        if (taken > 1) leases.set(platform, { tokens: taken - 1, until: now + LEASE_MS });
        return taken > 0 ? 0 : Number(wait);
      }),
    pause: async (platform, ms) => {
      leases.delete(platform);
      const [, pauseKey] = keys(platform);
      const until = Date.now() + ms;
      // Keep the later of the current and the new pause.
      await PAUSE(redis, [pauseKey as string], [until, ms + 1_000]);
    },
  };
}
