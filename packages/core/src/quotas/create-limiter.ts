import { Redis } from 'ioredis';
import {
  type IRateLimiterOptions,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AppError, type ErrorCode } from '../errors';

/**
 * A counter rule: `points` per window of `seconds`; `blockSeconds` locks the subject out once
 * over. `name` says what is counted ("searches"); rules with the same name and window share counts.
 */
export type LimitRule = { name: string; points: number; seconds: number; blockSeconds?: number };

/** Where a subject stands on a rule, for the RateLimit-* headers. */
export type LimitState = { limit: number; remaining: number; resetSeconds: number };

export type Limiter = {
  /**
   * Takes `points` from `subject`'s budget for `rule`, atomically (in Redis when configured, so
   * every API process shares it). Over the limit: throws `code` (429) with `retryAfterSeconds`.
   */
  consume(
    rule: LimitRule,
    subject: string,
    options?: { points?: number; code?: ErrorCode },
  ): Promise<LimitState>;
  /** Where `subject` stands without consuming. */
  peek(rule: LimitRule, subject: string): Promise<LimitState>;
  /** Forgets `subject`'s count (for example after a successful sign-in). */
  reset(rule: LimitRule, subject: string): Promise<void>;
  close(): Promise<void>;
};

export type CreateLimiterOptions = { redisUrl?: string; keyPrefix?: string };

/**
 * Counters over rate-limiter-flexible: Redis (one Lua INCR per call) with an in-process insurance
 * limiter while Redis is unreachable, or in-process alone in embedded mode.
 */
export function createLimiter(options: CreateLimiterOptions = {}): Limiter {
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        // The quota calls of concurrent requests go out in one write per tick.
        enableAutoPipelining: true,
      })
    : null;
  redis?.on('error', () => {}); // reconnects on its own; calls fall back to the insurance limiter
  // Until the first connection is up, calls wait for it (2 s at most): otherwise the first
  // requests after a start would be counted by the in-process insurance limiter alone.
  let connecting: Promise<void> | null = redis
    ? new Promise<void>((resolve) => {
        redis.once('ready', resolve);
        setTimeout(resolve, 2_000).unref();
      }).then(() => {
        connecting = null;
      })
    : null;
  const prefix = `${options.keyPrefix ?? 'dz:'}limit:`;
  const limiters = new Map<string, RateLimiterMemory | RateLimiterRedis>();

  const limiterFor = (rule: LimitRule) => {
    const id = `${rule.name}:${rule.points}:${rule.seconds}:${rule.blockSeconds ?? 0}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      const base: IRateLimiterOptions = {
        // Plans share one counter per rule: a plan change keeps what was used in the window.
        keyPrefix: `${prefix}${rule.name.replace(/\W+/g, '-')}:${rule.seconds}`,
        points: rule.points,
        duration: rule.seconds,
        blockDuration: rule.blockSeconds ?? 0,
      };
      limiter = redis
        ? new RateLimiterRedis({
            ...base,
            storeClient: redis,
            rejectIfRedisNotReady: true,
            insuranceLimiter: new RateLimiterMemory(base),
          })
        : new RateLimiterMemory(base);
      limiters.set(id, limiter);
    }
    return limiter;
  };

  const state = (rule: LimitRule, res: RateLimiterRes | null): LimitState => ({
    limit: rule.points,
    remaining: res ? Math.max(0, res.remainingPoints) : rule.points,
    resetSeconds: res ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : rule.seconds,
  });

  return {
    async consume(rule, subject, options = {}) {
      if (connecting) await connecting;
      try {
        return state(rule, await limiterFor(rule).consume(subject, options.points ?? 1));
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new AppError(
          options.code ?? 'QUOTA_EXCEEDED',
          `${describe(rule)} reached; try again in ${retryAfterSeconds} s`,
          { details: { rule: rule.name, limit: rule.points, retryAfterSeconds } },
        );
      }
    },
    async peek(rule, subject) {
      if (connecting) await connecting;
      return state(rule, await limiterFor(rule).get(subject));
    },
    async reset(rule, subject) {
      if (connecting) await connecting;
      await limiterFor(rule).delete(subject);
    },
    async close() {
      redis?.disconnect();
    },
  };
}

function describe(rule: LimitRule): string {
  const window =
    rule.seconds === 86_400
      ? 'day'
      : rule.seconds === 3_600
        ? 'hour'
        : rule.seconds === 60
          ? 'minute'
          : `${rule.seconds} s`;
  return `the limit of ${rule.points.toLocaleString('en-US')} ${rule.name} per ${window}`;
}
