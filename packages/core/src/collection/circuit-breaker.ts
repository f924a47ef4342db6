import { AppError, RETRYABLE_CODES } from '../errors';

export type BreakerState = 'closed' | 'open' | 'half-open';

export type CircuitBreaker = {
  state(): BreakerState;
  /** Runs `call` unless the circuit is open; counts its failures. */
  run<T>(call: () => Promise<T>): Promise<T>;
};

export type BreakerOptions = {
  name: string;
  /** Consecutive transient failures that open the circuit. */
  threshold?: number;
  /** How long the circuit stays open before one probe is let through. */
  cooldownMs?: number;
  now?: () => number;
};

/**
 * Opens after repeated transient failures (5xx, timeouts, 429s), fails fast while open, lets one
 * probe through after the cool-down and closes again only if that probe succeeds.
 */
export function createCircuitBreaker(options: BreakerOptions): CircuitBreaker {
  const threshold = options.threshold ?? 5;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt = 0;
  let probing = false;
  let state: BreakerState = 'closed';

  const current = (): BreakerState => {
    if (state === 'open' && now() - openedAt >= cooldownMs) state = 'half-open';
    return state;
  };

  return {
    state: current,
    run: async (call) => {
      const s = current();
      if (s === 'open' || (s === 'half-open' && probing)) {
        throw new AppError(
          'MARKETPLACE_UNAVAILABLE',
          `${options.name} circuit is open; not calling it for now`,
          {
            details: {
              breaker: options.name,
              retryAfterMs: Math.max(0, cooldownMs - (now() - openedAt)),
            },
          },
        );
      }
      probing = s === 'half-open';
      try {
        const result = await call();
        failures = 0;
        state = 'closed';
        return result;
      } catch (error) {
        const transient = !(error instanceof AppError) || RETRYABLE_CODES.has(error.code);
        if (transient) {
          failures++;
          if (s === 'half-open' || failures >= threshold) {
            state = 'open';
            openedAt = now();
          }
        }
        throw error;
      } finally {
        probing = false;
      }
    },
  };
}
