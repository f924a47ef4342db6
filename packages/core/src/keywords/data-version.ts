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

/**
 * `cache.fetch` of an answer that depends on a platform's data, keyed by the platform's current
 * version (`keyOf(version)`). While the source is unavailable, a key no one has cached yet under
 * a just-bumped version is answered by what was cached under the version before.
 */
export async function fetchVersioned<T>(
  cache: Cache,
  platform: string,
  keyOf: (version: number) => string,
  load: () => Promise<T>,
  ttlSeconds: number,
): Promise<T> {
  const version = await dataVersion(cache, platform);
  return cache.fetch(
    keyOf(version),
    load,
    ttlSeconds,
    version > 0 ? { fallbackKeys: [keyOf(version - 1)] } : undefined,
  );
}

export async function bumpDataVersion(cache: Cache, platform: string): Promise<void> {
  await cache.set(key(platform), (await dataVersion(cache, platform)) + 1, FOREVER);
}

/** The shortest time between two bumps of one platform's version by one process. */
export const BUMP_INTERVAL_MS = 15_000;

type Throttle = { last: number; trailing: NodeJS.Timeout | null };
const throttles = new WeakMap<Cache, Map<string, Throttle>>();

/**
 * Bumps a platform's version at most once per `intervalMs` in this process: the first new data
 * is served at once, later data within the interval when it ends (a trailing bump). Without
 * this, continuous collection bumped a platform's version every few seconds and every cached
 * answer of the platform with it (the fault suite saw the cache emptied while PostgreSQL was
 * down).
 */
export async function bumpDataVersionThrottled(
  cache: Cache,
  platform: string,
  options: { intervalMs?: number; now?: () => number } = {},
): Promise<void> {
  const interval = options.intervalMs ?? BUMP_INTERVAL_MS;
  const now = options.now ?? Date.now;
  let byPlatform = throttles.get(cache);
  if (!byPlatform) {
    byPlatform = new Map();
    throttles.set(cache, byPlatform);
  }
  const state = byPlatform.get(platform) ?? { last: 0, trailing: null };
  byPlatform.set(platform, state);
  const wait = state.last + interval - now();
  if (wait <= 0) {
    state.last = now();
    await bumpDataVersion(cache, platform);
    return;
  }
  if (state.trailing) return;
  state.trailing = setTimeout(() => {
    state.trailing = null;
    state.last = now();
    bumpDataVersion(cache, platform).catch(() => {});
  }, wait);
  state.trailing.unref();
}
