import type { Platform } from '@digitallz/contracts';
import type { Redis } from 'ioredis';
import defaults from './platform-limits.json';

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

/** Atomic token bucket: returns 0 when a token was taken, else the milliseconds to wait. */
const TAKE = `
local bucket, pause = KEYS[1], KEYS[2]
local rate, burst, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local paused = tonumber(redis.call('GET', pause) or '0')
if paused > now then return paused - now end
local state = redis.call('HMGET', bucket, 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + (now - at) / 1000 * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate * 1000) end
redis.call('HSET', bucket, 'tokens', tokens, 'at', now)
redis.call('PEXPIRE', bucket, 60000)
return wait`;

export function createRedisRateLimiter(
  redis: Redis,
  prefix: string,
  limits: Limits = DEFAULT_LIMITS,
): RateLimiter {
  const keys = (platform: Platform) => [
    `${prefix}ratelimit:${platform}`,
    `${prefix}ratelimit:${platform}:pause`,
  ];
  return {
    acquire: (platform) =>
      acquireWith(async () => {
        const { perSecond, burst } = limits[platform];
        return Number(await redis.eval(TAKE, 2, ...keys(platform), perSecond, burst, Date.now()));
      }),
    pause: async (platform, ms) => {
      const [, pauseKey] = keys(platform);
      const until = Date.now() + ms;
      // Keep the later of the current and the new pause.
      await redis.eval(
        "local c = tonumber(redis.call('GET', KEYS[1]) or '0') if tonumber(ARGV[1]) > c then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end return 1",
        1,
        pauseKey as string,
        until,
        ms + 1_000,
      );
    },
  };
}
