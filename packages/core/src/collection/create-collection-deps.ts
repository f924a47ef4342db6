import type { Platform } from '@digitallz/contracts';
import { PLATFORMS } from '@digitallz/contracts';
import type { Db } from '@digitallz/db';
import type { Redis } from 'ioredis';
import { loadConnectionCredentials } from '../accounts/manage-marketplace-connections';
import type { SecretBox } from '../crypto/secret-box';
import { createMemoryBreakerStore, createRedisBreakerStore } from './breaker-store';
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
  /** Rate limits and circuit breakers shared across processes when given; in-process otherwise. */
  redis?: Redis;
  keyPrefix?: string;
  limits?: Limits;
  archive?: PayloadArchive;
  archiveDir?: string;
  marketplaces: Partial<Record<Platform, MarketplaceAccess>>;
  source: CollectionDeps['source'];
  breaker?: { threshold?: number; cooldownMs?: number; recheckMs?: number };
  onArchiveError?: (error: unknown) => void;
  onCall?: CollectionDeps['onCall'];
  /** Opens sellers' connected marketplace credentials; without it only the platform-wide ones are used. */
  secrets?: SecretBox;
};

export function createCollectionDeps(options: CreateCollectionDepsOptions): CollectionDeps {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const archive = options.archive ?? createLocalArchive(options.archiveDir ?? '.data/archive');
  const prefix = options.keyPrefix ?? 'dz:';
  const store = options.redis
    ? createRedisBreakerStore(options.redis, prefix)
    : createMemoryBreakerStore();
  const clock = options.clock ?? (() => new Date());
  const { secrets } = options;
  return {
    db: options.db,
    clock,
    limiter: options.redis
      ? createRedisRateLimiter(options.redis, prefix, limits)
      : createMemoryRateLimiter(limits),
    breakers: Object.fromEntries(
      PLATFORMS.map((p) => [
        p,
        // A shared circuit is asked about at most every 250 ms while it is healthy: one Redis
        // call less per marketplace request; another worker's opening is seen that much later.
        createCircuitBreaker({
          name: p,
          store,
          recheckMs: options.redis ? 250 : 0,
          ...options.breaker,
        }),
      ]),
    ) as CollectionDeps['breakers'],
    archive,
    marketplaces: options.marketplaces,
    source: options.source,
    onArchiveError: options.onArchiveError,
    onCall: options.onCall,
    connections: secrets
      ? (userId, platform) =>
          loadConnectionCredentials({ db: options.db, secrets, clock }, userId, platform)
      : undefined,
  };
}
