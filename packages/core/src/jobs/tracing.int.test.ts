import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createCache } from '../cache';
import { startTracing } from '../observability/tracing';
import { startOtlpCollector, testCacheKinds, testKeyPrefix, testRedisUrl } from '../testing';
import { createBullQueue, startBullWorkers } from './bullmq';

describe.runIf(testCacheKinds().includes('redis') && testDbKinds().includes('postgres'))(
  'tracing across the queue',
  () => {
    it('runs a job in the trace of the request that queued it', { timeout: 60_000 }, async () => {
      const collector = await startOtlpCollector();
      const tracing = await startTracing({
        serviceName: 'jobs-test',
        endpoint: collector.endpoint,
      });
      const database = await createTestDb('postgres');
      const prefix = testKeyPrefix().slice(0, -1);
      const producer = createBullQueue({ redisUrl: testRedisUrl(), prefix });
      let done: () => void = () => {};
      const finished = new Promise<void>((resolve) => {
        done = resolve;
      });
      const workers = startBullWorkers({
        redisUrl: testRedisUrl(),
        prefix,
        deps: { db: database.db, cache: createCache(), clock: () => new Date() },
        onCompleted: () => done(),
      });
      // The request's span: the job is queued inside it.
      const traceId = await trace
        .getTracer('test')
        .startActiveSpan('POST /api/v1/batches', async (span) => {
          await producer.enqueue('maintenance.purge-expired-cache', {});
          span.end();
          return span.spanContext().traceId;
        });
      await finished;
      await workers.close();
      await producer.close();
      await tracing.shutdown();
      await collector.close();
      await database.close();
      const inTrace = collector.spans.filter((s) => s.traceId === traceId).map((s) => s.name);
      expect(inTrace).toContain('POST /api/v1/batches');
      // bullmq-otel's producer and consumer spans carry the same trace id.
      expect(inTrace.some((n) => /add/i.test(n))).toBe(true);
      expect(inTrace.some((n) => /process/i.test(n))).toBe(true);
      // And the job's own database queries, in the worker, are in it too.
      expect(inTrace).toContain('pg.query');
    });
  },
);
