import { AppError, RETRYABLE_CODES } from '../errors';
import { type Admission, type BreakerStore, createMemoryBreakerStore } from './breaker-store';

export type BreakerState = 'closed' | 'open' | 'half-open';

export type CircuitBreaker = {
  state(): Promise<BreakerState>;
  /** Runs `call` unless the circuit is open; counts its failures. */
  run<T>(call: () => Promise<T>): Promise<T>;
};

export type BreakerOptions = {
  name: string;
  /** Consecutive transient failures that open the circuit. */
  threshold?: number;
  /** How long the circuit stays open before one probe is let through. */
  cooldownMs?: number;
  /** How long the probe may take before another caller may probe instead (a crashed worker). */
  probeLeaseMs?: number;
  /** Where the circuit lives: Redis shares it between workers; in this process by default. */
  store?: BreakerStore;
  /**
   * How long a closed, failure-free circuit is trusted without asking the store again (0: ask on
   * every call). With a shared store, another worker's opening is then seen this much later.
   */
  recheckMs?: number;
  now?: () => number;
};

/**
 * Opens after repeated transient failures (5xx, timeouts, 429s), fails fast while open, lets one
 * probe through after the cool-down and closes again only if that probe succeeds. With a Redis
 * store, every worker sees the same circuit: one worker's failures stop all of them, and only
 * one of them probes.
 */
export function createCircuitBreaker(options: BreakerOptions): CircuitBreaker {
  const rules = {
    threshold: options.threshold ?? 5,
    cooldownMs: options.cooldownMs ?? 30_000,
    probeLeaseMs: options.probeLeaseMs ?? 30_000,
  };
  const store = options.store ?? createMemoryBreakerStore();
  const now = options.now ?? Date.now;
  const { name } = options;
  const recheckMs = options.recheckMs ?? 0;
  // Until when this process may admit calls without asking the store (a healthy closed circuit).
  let healthyUntil = 0;
  const healthy = { allowed: true, probe: false, failures: 0 } as const;

  return {
    state: async () => {
      const openedAt = await store.openedAt(name);
      if (openedAt === null) return 'closed';
      return now() - openedAt < rules.cooldownMs ? 'open' : 'half-open';
    },
    run: async (call) => {
      let admission: Admission = healthy;
      if (now() >= healthyUntil) {
        admission = await store.admit(name, now(), rules);
        if (admission.allowed && !admission.probe && admission.failures === 0)
          healthyUntil = now() + recheckMs;
      }
      if (!admission.allowed) {
        throw new AppError(
          'MARKETPLACE_UNAVAILABLE',
          `${name} circuit is open; not calling it for now`,
          {
            details: { breaker: name, retryAfterMs: admission.retryAfterMs },
          },
        );
      }
      let result: Awaited<ReturnType<typeof call>>;
      try {
        result = await call();
      } catch (error) {
        const transient = !(error instanceof AppError) || RETRYABLE_CODES.has(error.code);
        if (transient) {
          healthyUntil = 0;
          await store.fail(name, now(), rules, admission.probe);
          // This failure opened the circuit (or a failed probe kept it open): say so, so that the
          // caller waits for the cool-down instead of retrying into an outage.
          const openedAt = await store.openedAt(name);
          if (openedAt !== null)
            throw new AppError(
              'MARKETPLACE_UNAVAILABLE',
              `${error instanceof Error ? error.message : String(error)}; the ${name} circuit is open`,
              {
                details: {
                  breaker: name,
                  retryAfterMs: Math.max(0, openedAt + rules.cooldownMs - now()),
                },
                cause: error,
              },
            );
        } else if (admission.probe) await store.succeed(name);
        throw error;
      }
      // A healthy closed circuit costs no write.
      if (admission.probe || admission.failures > 0) await store.succeed(name);
      return result;
    },
  };
}
