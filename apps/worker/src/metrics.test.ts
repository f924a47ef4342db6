import { createCircuitBreaker, type JobQueue } from '@digitallz/core';
import { deployMetricNames, exposedMetricNames } from '@digitallz/core/testing';
import { describe, expect, it } from 'vitest';
import { createWorkerMetrics } from './metrics';

const breakers = {
  amazon: createCircuitBreaker({ name: 'amazon' }),
  etsy: createCircuitBreaker({ name: 'etsy', threshold: 1 }),
  ebay: createCircuitBreaker({ name: 'ebay' }),
};
const queue = {
  depths: async () => [
    { queue: 'collect', waiting: 12, active: 4, delayed: 1, failed: 2, oldestWaitingSeconds: 42 },
  ],
} as unknown as JobQueue;

describe('worker metrics', () => {
  it('exports queues, calls, breakers and jobs', async () => {
    const metrics = createWorkerMetrics({ queue, breakers });
    metrics.onCall({ platform: 'etsy', operation: 'suggestions', outcome: 'ok', seconds: 0.12 });
    metrics.onCall({
      platform: 'etsy',
      operation: 'suggestions',
      outcome: 'MARKETPLACE_RATE_LIMITED',
      seconds: 0.05,
    });
    await expect(
      breakers.etsy.run(async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow();
    metrics.onJobFailed('collect.keyword', false);
    metrics.onJobCompleted('collect.keyword', 1.5);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^queue_jobs\{queue="collect",state="waiting"\} 12$/m);
    expect(text).toMatch(/^queue_oldest_waiting_seconds\{queue="collect"\} 42$/m);
    expect(text).toMatch(
      /^collector_calls_total\{platform="etsy",operation="suggestions",outcome="MARKETPLACE_RATE_LIMITED"\} 1$/m,
    );
    expect(text).toMatch(/^collector_breaker_state\{platform="etsy"\} 2$/m);
    expect(text).toMatch(/^collector_breaker_state\{platform="amazon"\} 0$/m);
    expect(text).toMatch(/^jobs_failed_total\{job="collect.keyword",final="false"\} 1$/m);
    expect(text).toMatch(/^job_duration_seconds_count\{job="collect.keyword"\} 1$/m);
  });

  it('exposes every worker metric the alert rules and the dashboard use', async () => {
    const exposed = exposedMetricNames(
      await createWorkerMetrics({ queue, breakers }).registry.metrics(),
    );
    const workerNames = deployMetricNames().filter((n) => /^(queue_|collector_|jobs?_)/.test(n));
    expect(workerNames.length).toBeGreaterThanOrEqual(6);
    expect(workerNames.filter((n) => !exposed.has(n))).toEqual([]);
  });
});
