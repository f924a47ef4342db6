import type { Platform } from '@digitallz/contracts';
import { PLATFORMS } from '@digitallz/contracts';
import type { Db } from '@digitallz/db';
import type { Redis } from 'ioredis';
import { createCircuitBreaker } from './circuit-breaker';
import type { CollectionDeps, MarketplaceAccess } from './collection-deps';
import { createLocalArchive, type PayloadArchive } from './payload-archive';
import {
  createMemoryRateLimiter,
  createRedisRateLimiter,
  DEFAULT_LIMITS,
  type Limits,
} from './rate-limiter';

export type CreateCollectionDepsOptions = {
  db: Db;
  clock?: () => Date;
  /** Shared rate limits across processes when given; in-process buckets otherwise. */
  redis?: Redis;
  keyPrefix?: string;
  limits?: Limits;
  archive?: PayloadArchive;
  archiveDir?: string;
  marketplaces: Partial<Record<Platform, MarketplaceAccess>>;
  source: CollectionDeps['source'];
  breaker?: { threshold?: number; cooldownMs?: number };
  onArchiveError?: (error: unknown) => void;
};

export function createCollectionDeps(options: CreateCollectionDepsOptions): CollectionDeps {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const archive = options.archive ?? createLocalArchive(options.archiveDir ?? '.data/archive');
  return {
    db: options.db,
    clock: options.clock ?? (() => new Date()),
    limiter: options.redis
      ? createRedisRateLimiter(options.redis, options.keyPrefix ?? 'dz:', limits)
      : createMemoryRateLimiter(limits),
    breakers: Object.fromEntries(
      PLATFORMS.map((p) => [p, createCircuitBreaker({ name: p, ...options.breaker })]),
    ) as CollectionDeps['breakers'],
    archive,
    marketplaces: options.marketplaces,
    source: options.source,
    onArchiveError: options.onArchiveError,
  };
}
