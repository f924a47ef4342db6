import type { Cache } from '../cache';

/**
 * A per-platform version in the cache keys of keyword results: new data for a platform bumps it,
 * so every cached answer that could depend on it is bypassed at once.
 */
const key = (platform: string) => `kw:version:${platform}`;
const FOREVER = 365 * 24 * 3600;

export async function dataVersion(cache: Cache, platform: string): Promise<number> {
  return (await cache.get<number>(key(platform))) ?? 0;
}

export async function bumpDataVersion(cache: Cache, platform: string): Promise<void> {
  await cache.set(key(platform), (await dataVersion(cache, platform)) + 1, FOREVER);
}
