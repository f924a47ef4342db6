import { describe, expect, it } from 'vitest';
import { JOBS } from './catalog';

/** The shortest time a job's retries span: exponential backoff, each wait up to 20% shorter (jitter). */
const retryWindowMs = ({ attempts, backoffMs }: { attempts: number; backoffMs: number }) =>
  Array.from({ length: attempts - 1 }, (_, i) => backoffMs * 2 ** i).reduce((a, b) => a + b, 0) *
  0.8;

describe('the job catalog', () => {
  it('gives a collection 5 minutes of retries: a marketplace throttling for a minute or two does not fail it for good', () => {
    expect(retryWindowMs(JOBS['collect.keyword'])).toBeGreaterThanOrEqual(5 * 60_000);
  });
});
