export {
  type BreakerStore,
  createMemoryBreakerStore,
  createRedisBreakerStore,
} from './breaker-store';
export { type BreakerState, type CircuitBreaker, createCircuitBreaker } from './circuit-breaker';
export { type CollectKeywordInput, collectKeyword } from './collect-keyword';
export type { CollectionDeps, MarketplaceAccess, MarketplaceCall } from './collection-deps';
export {
  archiveFrom,
  type CollectionEnv,
  CollectionEnvSchema,
  limitsFrom,
  marketplaceAccessFrom,
} from './collection-env';
export { createCollectionDeps } from './create-collection-deps';
export { findQuarantined, type QuarantineReport } from './find-quarantined';
export { createLocalArchive, createS3Archive, type PayloadArchive } from './payload-archive';
export {
  createMemoryRateLimiter,
  createRedisRateLimiter,
  DEFAULT_LIMITS,
  type Limits,
  type RateLimiter,
} from './rate-limiter';
export { recordSearchStats, weekStart } from './record-search-stats';
