import { AppError } from '../errors';

/** The longest a job waits for an open breaker before it looks again. */
const MAX_PAUSE_MS = 60_000;

/**
 * How long a job should wait, without spending one of its attempts, when it stopped because a
 * marketplace's circuit breaker is open: the marketplace is known to be down, so retrying sooner
 * is pointless and the attempts would all be spent within the outage (the eight attempts of
 * collect.keyword last 5 to 6 minutes; outages can last longer). Null for every other error.
 */
export function pauseOf(error: unknown): number | null {
  if (!(error instanceof AppError) || error.code !== 'MARKETPLACE_UNAVAILABLE') return null;
  const details = error.details as { breaker?: string; retryAfterMs?: number } | undefined;
  if (!details?.breaker) return null;
  return Math.min(MAX_PAUSE_MS, Math.max(250, details.retryAfterMs ?? 5_000));
}
