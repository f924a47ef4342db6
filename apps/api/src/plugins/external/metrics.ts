import { queryRows, sql } from '@digitallz/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { clusterMetrics } from '../../cluster';

/** How long the business figures read from the database are reused between scrapes. */
const BUSINESS_TTL_MS = 30_000;

declare module 'fastify' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyInstance {
    metrics: Registry;
    /** Counts a keyword search (first pages only) for the business metrics. */
    countSearch(platform: string): void;
  }
}

/**
 * Prometheus metrics at /metrics: request latency by route and status, the cache's hit ratio,
 * hits, misses and in-process size, and the process itself. One registry per app (tests build many).
 */
export default fp(async function metrics(app: FastifyInstance) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const queries = new Histogram({
    name: 'db_query_duration_seconds',
    help: 'PostgreSQL query duration, by result (ok or error)',
    labelNames: ['result'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.deps.database.observeQueries((seconds, failed) =>
    queries.observe({ result: failed ? 'error' : 'ok' }, seconds),
  );
  const cache = () => app.deps.cache.stats();
  /** Answers served whole from the response cache (registered after this plugin). */
  const responseHits = () => app.responseCacheStats?.().hits ?? 0;
  new Gauge({
    name: 'cache_hit_ratio',
    help: "Share of lookups answered from a cache layer (response cache included) since start (with API_WORKERS, the mean of the processes' ratios; cache_lookups gives the exact one)",
    registers: [registry],
    aggregator: 'average',
    collect() {
      const s = cache();
      const hits = s.hits + responseHits();
      this.set(hits + s.misses === 0 ? 0 : hits / (hits + s.misses));
    },
  });
  new Gauge({
    name: 'cache_lookups',
    help: 'Cache lookups since start, by result (local: answered by the in-process layer; response: whole answers, response_shared of them from Redis; stale: an expired value served while its source was unavailable)',
    labelNames: ['result'],
    registers: [registry],
    collect() {
      const s = cache();
      this.set({ result: 'hit' }, s.hits);
      this.set(
        { result: 'local_hit' },
        s.localHits ?? (app.deps.cache.kind === 'memory' ? s.hits : 0),
      );
      this.set({ result: 'response_hit' }, responseHits());
      this.set({ result: 'response_shared_hit' }, app.responseCacheStats?.().sharedHits ?? 0);
      this.set({ result: 'miss' }, s.misses);
      this.set({ result: 'stale' }, s.stale ?? 0);
      this.set({ result: 'error' }, s.errors);
    },
  });
  new Gauge({
    name: 'cache_local_entries',
    help: 'Entries held in the in-process cache layer',
    registers: [registry],
    collect() {
      this.set(cache().localEntries ?? 0);
    },
  });
  new Gauge({
    name: 'cache_invalidation_live',
    help: "1 while this process hears the other processes' cache writes (Redis pub/sub), else 0: its in-process copies then live 2 s instead of 60 s",
    registers: [registry],
    aggregator: 'min',
    collect() {
      this.set(cache().invalidationLive ? 1 : 0);
    },
  });

  // Business figures: searches counted here (sum over instances), accounts and subscriptions
  // read from the database (the same in every instance: take the max).
  const searches = new Counter({
    name: 'digitallz_searches_total',
    help: 'Keyword searches answered (first pages), by platform',
    labelNames: ['platform'],
    registers: [registry],
  });
  let business: { at: number; users: number; subscriptions: number } | null = null;
  /**
   * The figures as last read. While the database cannot be read they stay as they were: the
   * scrape must still answer, since its latency and error metrics are what tell of the outage
   * (a failing scrape made Prometheus see the API as down: reliability:faults, session 15).
   */
  const figures = async () => {
    if (business && Date.now() - business.at < BUSINESS_TTL_MS) return business;
    try {
      const [row] = await queryRows<{ users: number; subscriptions: number }>(
        app.deps.db,
        sql`select (select count(*)::int from users) as users,
                   (select count(*)::int from subscriptions where status in ('active', 'trialing')) as subscriptions`,
      );
      business = { at: Date.now(), users: row?.users ?? 0, subscriptions: row?.subscriptions ?? 0 };
    } catch (err) {
      app.log.warn({ err }, 'business metrics not read: the last figures are kept');
    }
    return business;
  };
  new Gauge({
    name: 'digitallz_users',
    help: 'Accounts (sign-ups: its increase), read from the database every 30 s at most',
    registers: [registry],
    aggregator: 'max',
    async collect() {
      const read = await figures();
      if (read) this.set(read.users);
    },
  });
  new Gauge({
    name: 'digitallz_active_subscriptions',
    help: 'Paid subscriptions active or trialing, read from the database every 30 s at most',
    registers: [registry],
    aggregator: 'max',
    async collect() {
      const read = await figures();
      if (read) this.set(read.subscriptions);
    },
  });

  app.decorate('metrics', registry);
  app.decorate('countSearch', (platform: string) => searches.inc({ platform }));
  app.addHook('onResponse', (request, reply, done) => {
    duration.observe(
      {
        route: request.routeOptions.url ?? 'unmatched',
        method: request.method,
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
  // With API_WORKERS, a scrape reaches one worker: it answers for all of them.
  const allWorkers = clusterMetrics(registry);
  app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    if (allWorkers)
      try {
        return await allWorkers();
      } catch (err) {
        app.log.warn({ err }, "the other workers' metrics were not read: this worker's alone");
      }
    return registry.metrics();
  });
});
