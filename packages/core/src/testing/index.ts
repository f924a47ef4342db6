import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { type Db, queryRows, sql } from '@digitallz/db';
import { inject } from 'vitest';
import type { Cache } from '../cache';
import { createCache } from '../cache';

export type TestCacheKind = 'memory' | 'redis';

/** The cache backends this run tests against: in-process always, Redis when it answers. */
export function testCacheKinds(): TestCacheKind[] {
  return inject('services').redisUrl ? ['memory', 'redis'] : ['memory'];
}

/** A unique Redis key prefix for one test, cleaned up with the run. */
export function testKeyPrefix(): string {
  return `test:${inject('services').runId}:${randomBytes(4).toString('hex')}:`;
}

export function testRedisUrl(): string {
  const url = inject('services').redisUrl;
  if (!url) throw new Error('Redis is not available to tests');
  return url;
}

export function createTestCache(kind: TestCacheKind): Cache {
  if (kind === 'memory') return createCache();
  return createCache({ redisUrl: testRedisUrl(), keyPrefix: testKeyPrefix() });
}

/**
 * Counts and a digest of everything a collection writes: equal before and after means nothing changed.
 * The weekly rows counted are the collector's (listing counts), not the compute job's volume estimates.
 */
export async function collectionChecksum(db: Db) {
  const [row] = await queryRows<{
    observations: number;
    keywords: number;
    weekly: number;
    digest: string;
  }>(
    db,
    sql`select (select count(*) from suggestion_observations)::int as observations,
               (select count(*) from keyword_data)::int as keywords,
               (select count(*) from keyword_observations where listing_count is not null)::int as weekly,
               (select md5(coalesce(string_agg(platform || keyword || prefix || position || depth, ',' order by platform, keyword, prefix), ''))
                  from suggestion_observations) ||
               (select md5(coalesce(string_agg(keyword || coalesce(listing_count::text, '-') || coalesce(price_median::text, '-'), ',' order by keyword), ''))
                  from keyword_data) as digest`,
  );
  return row;
}

/** A TCP port nothing listens on right now, for servers a test starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The process ids of a process's children (Linux /proc), e.g. the workers of API_WORKERS. */
export function childPids(pid: number | undefined): string[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}
export { deployMetricNames, exposedMetricNames, metricNamesIn } from './deploy-metrics';
export { type CollectedSpan, startOtlpCollector } from './otlp-collector';
export { type ReceivedEmail, startTestSmtpServer, type TestSmtpServer } from './smtp';
