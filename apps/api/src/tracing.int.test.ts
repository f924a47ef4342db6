import { Writable } from 'node:stream';
import { createInProcessRunner, seedDemo, startTracing, traceIds } from '@digitallz/core';
import { createTestCache, startOtlpCollector, testCacheKinds } from '@digitallz/core/testing';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app';

describe.runIf(testDbKinds().includes('postgres') && testCacheKinds().includes('redis'))(
  'OpenTelemetry tracing',
  () => {
    it('continues the caller’s trace: the request, its cache and database calls, its log lines', async () => {
      const collector = await startOtlpCollector();
      const { endpoint, spans } = collector;
      const tracing = await startTracing({ serviceName: 'api-test', endpoint });
      expect(tracing.enabled).toBe(true);

      const lines: Record<string, unknown>[] = [];
      const logger = pino(
        { level: 'info', mixin: traceIds },
        new Writable({
          write(chunk, _encoding, callback) {
            lines.push(JSON.parse(String(chunk)));
            callback();
          },
        }),
      );
      const database = await createTestDb('postgres');
      await seedDemo({ db: database.db, asOf: new Date('2026-11-24T12:00:00Z'), keywords: 40 });
      const cache = createTestCache('redis');
      const app = await buildApp({
        database,
        cache,
        logger,
        jobs: createInProcessRunner({ deps: { db: database.db, cache, clock: () => new Date() } }),
        responseCache: { ttlSeconds: 0 },
      });
      // The web server's span, as its traceparent header says.
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const parentId = '00f067aa0ba902b7';
      const res = await app.inject({
        url: '/api/v1/keywords/etsy/planner',
        headers: { traceparent: `00-${traceId}-${parentId}-01` },
      });
      expect(res.statusCode).toBe(200);
      await app.close();
      await tracing.shutdown();
      await collector.close();
      await database.close();

      const server = spans.find((s) => s.name === 'GET /api/v1/keywords/:platform/:keyword');
      expect(server).toMatchObject({ traceId, parentSpanId: parentId });
      const queries = spans.filter((s) => s.name === 'pg.query' && s.traceId === traceId);
      expect(queries.length).toBeGreaterThan(0);
      expect(queries.every((q) => q.parentSpanId === server?.spanId)).toBe(true);
      // The Redis tier of the cache: looked up (a miss), then filled.
      const redis = spans.filter((s) => s.name.startsWith('redis ') && s.traceId === traceId);
      expect(redis.map((s) => s.name)).toEqual(expect.arrayContaining(['redis GET', 'redis SET']));
      // Every line of the request after its first ("incoming request" comes before any hook).
      const logged = lines.filter(
        (l) => l.reqId === res.headers['x-request-id'] && l.msg !== 'incoming request',
      );
      expect(logged.map((l) => l.msg)).toContain('request completed');
      expect(logged.map((l) => l.trace_id)).toEqual(logged.map(() => traceId));
    });
  },
);
