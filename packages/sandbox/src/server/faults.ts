import { z } from 'zod';

/** Knobs for the reliability tests: every request rolls against these. */
export const FaultsSchema = z.object({
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  rate429: z.number().min(0).max(1).default(0),
  rate5xx: z.number().min(0).max(1).default(0),
  malformedRate: z.number().min(0).max(1).default(0),
  /** The marketplace is gone: connections are reset. */
  outage: z.boolean().default(false),
  /** Our credentials are refused (401): revoked, say. Not retried by the collectors. */
  credentialsRefused: z.boolean().default(false),
  retryAfterSeconds: z.number().int().min(0).max(3_600).default(1),
});

export type Faults = z.infer<typeof FaultsSchema>;

export type FaultDecision =
  | 'ok'
  | 'outage'
  | 'auth-failed'
  | 'rate-limited'
  | 'server-error'
  | 'malformed';

export function decideFault(faults: Faults, roll: () => number): FaultDecision {
  if (faults.outage) return 'outage';
  if (faults.credentialsRefused) return 'auth-failed';
  if (roll() < faults.rate429) return 'rate-limited';
  if (roll() < faults.rate5xx) return 'server-error';
  if (roll() < faults.malformedRate) return 'malformed';
  return 'ok';
}
