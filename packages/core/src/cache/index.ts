export type { Cache, CacheStats } from './cache';
export { type CreateCacheOptions, createCache } from './create-cache';
