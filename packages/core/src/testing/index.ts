import { randomBytes } from 'node:crypto';
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
