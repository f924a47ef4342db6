import { AppError } from '../errors';
import type { Limiter, LimitRule, LimitState } from './create-limiter';

export type CountLocallyOptions = {
  /** How often counts made here are added to the shared counters. */
  flushMs?: number;
  /** The part of what was left, when last read, that this process may grant before asking again. */
  share?: number;
  /** Rules with fewer points (sign-in attempts, small plans) are always counted in the shared store. */
  minPoints?: number;
  clock?: () => number;
};

/** Subjects followed in this process before settled ones are forgotten. */
const MAX_TALLIES = 50_000;

type Tally = {
  rule: LimitRule;
  subject: string;
  /** What the shared counter had left when last read, and when its window ends. */
  remaining: number;
  resetAt: number;
  /** Points granted here and not yet added to the shared counter. */
  pending: number;
  /** How many points this process may grant before it must ask the shared counter. */
  allowance: number;
};

/**
 * Counts large quotas in this process and adds the counts to the shared limiter (Redis) every
 * `flushMs`, so that a request spends no Redis call while its subject is far from a limit.
 * Each process may grant at most `share` of what the shared counter had left when it last read
 * it; past that, or once the window ends, the request waits for the shared counter, which decides
 * (and answers 429) as before. So a limit is exceeded by at most `share` of the remainder per
 * process and one flush interval, and every request is counted: a flush that finds the limit
 * reached still adds its points, and the next request goes to the shared counter and is refused.
 * Rules with `blockSeconds` or under `minPoints` points are never counted locally.
 */
export function countLocally(inner: Limiter, options: CountLocallyOptions = {}): Limiter {
  const flushMs = options.flushMs ?? 1_000;
  const share = options.share ?? 0.1;
  const minPoints = options.minPoints ?? 100;
  const now = options.clock ?? Date.now;
  const tallies = tallyMap();
  const local = (rule: LimitRule) => rule.points >= minPoints && !rule.blockSeconds;

  const record = (rule: LimitRule, subject: string, state: LimitState) =>
    tallies.set(rule, subject, {
      rule,
      subject,
      remaining: state.remaining,
      resetAt: now() + state.resetSeconds * 1000,
      pending: 0,
      allowance: Math.floor(state.remaining * share),
    });

  /** Adds one tally's pending points to the shared counter; a limit reached there stops local grants. */
  const flushOne = async (tally: Tally) => {
    const points = tally.pending;
    if (points === 0) return;
    tally.pending = 0;
    tally.allowance = Math.max(0, tally.allowance - points);
    try {
      const state = await inner.consume(tally.rule, tally.subject, { points });
      tally.remaining = state.remaining;
      tally.resetAt = now() + state.resetSeconds * 1000;
      tally.allowance = Math.floor(state.remaining * share);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // Over the limit: the points are counted; the next request asks the shared counter.
      tally.remaining = 0;
      tally.allowance = 0;
    }
  };

  let flushing: Promise<void> = Promise.resolve();
  const flushAll = () => {
    flushing = flushing.then(async () => {
      const at = now();
      const batch = tallies.values();
      // Ended windows go; past MAX_TALLIES subjects, every settled one (it reads Redis again).
      const crowded = tallies.size > MAX_TALLIES;
      for (const tally of batch)
        if (tally.pending === 0 && (crowded || tally.resetAt <= at))
          tallies.delete(tally.rule, tally.subject);
      await Promise.all(batch.filter((t) => t.pending > 0).map((t) => flushOne(t).catch(() => {})));
    });
    return flushing;
  };
  const timer = setInterval(() => void flushAll(), flushMs);
  timer.unref();

  return {
    async consume(rule, subject, consumeOptions = {}) {
      if (!local(rule)) return inner.consume(rule, subject, consumeOptions);
      const points = consumeOptions.points ?? 1;
      const tally = tallies.get(rule, subject);
      const at = now();
      if (tally && tally.resetAt > at && tally.pending + points <= tally.allowance) {
        tally.pending += points;
        return {
          limit: rule.points,
          remaining: Math.max(0, tally.remaining - tally.pending),
          resetSeconds: Math.max(1, Math.ceil((tally.resetAt - at) / 1000)),
        };
      }
      // Past this process's share, in a new window, or a subject not seen yet: the shared
      // counter decides, for this request and what was granted here since the last flush.
      const pending = tally && tally.resetAt > at ? tally.pending : 0;
      if (tally) tally.pending = 0;
      try {
        const state = await inner.consume(rule, subject, {
          ...consumeOptions,
          points: points + pending,
        });
        record(rule, subject, state);
        return state;
      } catch (error) {
        if (error instanceof AppError) tallies.delete(rule, subject);
        throw error;
      }
    },
    async peek(rule, subject) {
      const state = await inner.peek(rule, subject);
      const pending = tallies.get(rule, subject)?.pending ?? 0;
      return { ...state, remaining: Math.max(0, state.remaining - pending) };
    },
    async reset(rule, subject) {
      tallies.delete(rule, subject);
      await inner.reset(rule, subject);
    },
    /** Adds every pending count to the shared counters, then closes the inner limiter. */
    async close() {
      clearInterval(timer);
      await flushAll();
      await inner.close();
    },
  };
}

/**
 * Tallies by rule, then by subject: a lookup hashes the subject alone, not a key string built
 * per request (that build and its hashing were most of a local grant's time). Rules with the
 * same name, points and window share tallies, whichever object carries them.
 */
function tallyMap() {
  const byRule = new Map<string, Map<string, Tally>>();
  const ruleKeys = new WeakMap<LimitRule, string>();
  let size = 0;
  const ruleKey = (rule: LimitRule) => {
    let key = ruleKeys.get(rule);
    if (key === undefined) {
      key = `${rule.name}:${rule.points}:${rule.seconds}`;
      ruleKeys.set(rule, key);
    }
    return key;
  };
  return {
    get: (rule: LimitRule, subject: string) => byRule.get(ruleKey(rule))?.get(subject),
    set(rule: LimitRule, subject: string, tally: Tally) {
      const key = ruleKey(rule);
      let subjects = byRule.get(key);
      if (!subjects) {
        subjects = new Map();
        byRule.set(key, subjects);
      }
      if (!subjects.has(subject)) size++;
      subjects.set(subject, tally);
    },
    delete(rule: LimitRule, subject: string) {
      const subjects = byRule.get(ruleKey(rule));
      if (subjects?.delete(subject)) size--;
    },
    values: () => [...byRule.values()].flatMap((subjects) => [...subjects.values()]),
    get size() {
      return size;
    },
  };
}
