import type { Redis } from 'ioredis';
import { redisScript } from './redis-script';

/** What a circuit needs to decide, kept where every worker sees it (Redis) or in this process. */
export type BreakerRules = { threshold: number; cooldownMs: number; probeLeaseMs: number };

export type Admission =
  | { allowed: true; probe: boolean; failures: number }
  | { allowed: false; retryAfterMs: number };

export type BreakerStore = {
  /** May a call go out now? In half-open, exactly one caller (the probe) is let through. */
  admit(name: string, now: number, rules: BreakerRules): Promise<Admission>;
  /** A call succeeded: the circuit closes and its failure count starts again. */
  succeed(name: string): Promise<void>;
  /** A transient failure: counted; at the threshold, or when the probe failed, the circuit opens. */
  fail(name: string, now: number, rules: BreakerRules, probe: boolean): Promise<void>;
  /** When the circuit last opened; null while it is closed. */
  openedAt(name: string): Promise<number | null>;
};

type Circuit = { failures: number; openedAt: number | null; probeUntil: number };

/** The embedded store: the same rules as the Redis scripts below, for one process. */
export function createMemoryBreakerStore(): BreakerStore {
  const circuits = new Map<string, Circuit>();
  const get = (name: string) => {
    const c = circuits.get(name) ?? { failures: 0, openedAt: null, probeUntil: 0 };
    circuits.set(name, c);
    return c;
  };
  return {
    admit: async (name, now, rules) => {
      const c = get(name);
      if (c.openedAt === null) return { allowed: true, probe: false, failures: c.failures };
      const openFor = rules.cooldownMs - (now - c.openedAt);
      if (openFor > 0) return { allowed: false, retryAfterMs: openFor };
      if (c.probeUntil > now) return { allowed: false, retryAfterMs: c.probeUntil - now };
      c.probeUntil = now + rules.probeLeaseMs;
      return { allowed: true, probe: true, failures: c.failures };
    },
    succeed: async (name) => {
      circuits.delete(name);
    },
    fail: async (name, now, rules, probe) => {
      const c = get(name);
      c.failures++;
      if (probe || c.failures >= rules.threshold) {
        c.openedAt = now;
        c.probeUntil = 0;
      }
    },
    openedAt: async (name) => circuits.get(name)?.openedAt ?? null,
  };
}

/** Returns {allowed (0/1), probe (0/1), failures or retry-after ms}. */
const ADMIT = redisScript(`
local key = KEYS[1]
local now, cooldown, lease = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local c = redis.call('HMGET', key, 'failures', 'openedAt', 'probeUntil')
local failures, openedAt, probeUntil = tonumber(c[1]) or 0, tonumber(c[2]), tonumber(c[3]) or 0
if openedAt == nil then return {1, 0, failures} end
local openFor = cooldown - (now - openedAt)
if openFor > 0 then return {0, 0, openFor} end
if probeUntil > now then return {0, 0, probeUntil - now} end
redis.call('HSET', key, 'probeUntil', now + lease)
return {1, 1, failures}`);

const FAIL = redisScript(`
local key = KEYS[1]
local now, threshold, probe, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3] == '1', tonumber(ARGV[4])
local failures = redis.call('HINCRBY', key, 'failures', 1)
if probe or failures >= threshold then redis.call('HSET', key, 'openedAt', now, 'probeUntil', 0) end
redis.call('PEXPIRE', key, ttl)
return failures`);

/** A store call that does not answer within this is given up: the breaker fails open. */
const STORE_TIMEOUT_MS = 1_000;

/** `fallback` when the store fails or is slow: a breaker must never stop calls by itself being down. */
async function orElse<T>(work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), STORE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One circuit per platform for every worker sharing this Redis and prefix. While Redis cannot be
 * reached the circuit counts as closed (calls go out, paced by the rate limiter), and failures
 * are not recorded: the breaker protects the marketplace, not the other way round.
 */
export function createRedisBreakerStore(redis: Redis, prefix: string): BreakerStore {
  const store = redisStore(redis, prefix);
  return {
    admit: (name, now, rules) =>
      orElse(store.admit(name, now, rules), { allowed: true, probe: false, failures: 0 }),
    succeed: (name) => orElse(store.succeed(name), undefined),
    fail: (name, now, rules, probe) => orElse(store.fail(name, now, rules, probe), undefined),
    openedAt: (name) => orElse(store.openedAt(name), null),
  };
}

function redisStore(redis: Redis, prefix: string): BreakerStore {
  const key = (name: string) => `${prefix}breaker:${name}`;
  return {
    admit: async (name, now, rules) => {
      const [allowed, probe, value] = (await ADMIT(
        redis,
        [key(name)],
        [now, rules.cooldownMs, rules.probeLeaseMs],
      )) as [number, number, number];
      return allowed === 1
        ? { allowed: true, probe: probe === 1, failures: value }
        : { allowed: false, retryAfterMs: value };
    },
    succeed: async (name) => {
      await redis.del(key(name));
    },
    fail: async (name, now, rules, probe) => {
      // Forgotten a while after the last failure, so a quiet platform leaves no key behind.
      const ttl = Math.max(rules.cooldownMs * 10, 10 * 60_000);
      await FAIL(redis, [key(name)], [now, rules.threshold, probe ? '1' : '0', ttl]);
    },
    openedAt: async (name) => {
      const openedAt = await redis.hget(key(name), 'openedAt');
      return openedAt === null ? null : Number(openedAt);
    },
  };
}
