import { createServer, type Server } from 'node:http';
import { PLATFORMS } from '@digitallz/contracts';
import type { CollectionDeps, JobQueue, MarketplaceCall } from '@digitallz/core';
import type { DbHandle } from '@digitallz/db';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

const BREAKER_STATES = { closed: 0, 'half-open': 1, open: 2 } as const;

export type WorkerMetrics = {
  registry: Registry;
  /** Counts and times a marketplace call (the collection's `onCall`). */
  onCall(call: MarketplaceCall): void;
  /** Counts a job that failed: `final` when it will not be retried. */
  onJobFailed(job: string, final: boolean): void;
  onJobCompleted(job: string, seconds: number): void;
};

/**
 * The worker's Prometheus metrics: queue depth and the age of the oldest waiting job per queue
 * (read from Redis at scrape time), marketplace calls by platform, operation and outcome with
 * their latency, each platform's breaker state, jobs completed and failed, and the process.
 */
export function createWorkerMetrics(deps: {
  queue: JobQueue;
  breakers: CollectionDeps['breakers'];
  database?: Pick<DbHandle, 'observeQueries'>;
}): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const queries = new Histogram({
    name: 'db_query_duration_seconds',
    help: 'PostgreSQL query duration, by result (ok or error)',
    labelNames: ['result'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  deps.database?.observeQueries((seconds, failed) =>
    queries.observe({ result: failed ? 'error' : 'ok' }, seconds),
  );
  new Gauge({
    name: 'queue_jobs',
    help: 'Jobs per queue and state (waiting, active, delayed, failed)',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      for (const d of await deps.queue.depths())
        for (const state of ['waiting', 'active', 'delayed', 'failed'] as const)
          this.set({ queue: d.queue, state }, d[state]);
    },
  });
  new Gauge({
    name: 'queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting to start, per queue (0 when none waits)',
    labelNames: ['queue'],
    registers,
    async collect() {
      for (const d of await deps.queue.depths())
        this.set({ queue: d.queue }, d.oldestWaitingSeconds);
    },
  });
  new Gauge({
    name: 'collector_breaker_state',
    help: "Each platform's circuit breaker: 0 closed, 1 half-open, 2 open",
    labelNames: ['platform'],
    registers,
    async collect() {
      for (const platform of PLATFORMS)
        this.set({ platform }, BREAKER_STATES[await deps.breakers[platform].state()]);
    },
  });
  const calls = new Counter({
    name: 'collector_calls_total',
    help: 'Marketplace calls by platform, operation and outcome (ok or the error code)',
    labelNames: ['platform', 'operation', 'outcome'],
    registers,
  });
  const callSeconds = new Histogram({
    name: 'collector_call_duration_seconds',
    help: 'Marketplace call latency by platform and operation',
    labelNames: ['platform', 'operation'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const failed = new Counter({
    name: 'jobs_failed_total',
    help: 'Job attempts that failed, by job; final = no retry left (or a permanent error)',
    labelNames: ['job', 'final'],
    registers,
  });
  const completed = new Histogram({
    name: 'job_duration_seconds',
    help: 'Duration of the jobs that completed, by job',
    labelNames: ['job'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers,
  });
  return {
    registry,
    onCall: (call) => {
      calls.inc({ platform: call.platform, operation: call.operation, outcome: call.outcome });
      callSeconds.observe({ platform: call.platform, operation: call.operation }, call.seconds);
    },
    onJobFailed: (job, final) => failed.inc({ job, final: String(final) }),
    onJobCompleted: (job, seconds) => completed.observe({ job }, seconds),
  };
}

/** GET /metrics (Prometheus) and GET /health on `port`, for scrapers and probes. */
export function serveMetrics(registry: Registry, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer(async (request, response) => {
    if (request.url === '/health') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await registry.metrics();
      response.writeHead(200, { 'content-type': registry.contentType }).end(body);
    } catch {
      response.writeHead(503).end('metrics unavailable');
    }
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
