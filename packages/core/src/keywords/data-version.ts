import type { Cache } from '../cache';
import { normalizeKeyword } from './normalize-keyword';

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
  return fetchAt(cache, keyOf(version), version > 0 ? [keyOf(version - 1)] : [], load, ttlSeconds);
}

/** The answer under `key`, falling back to the first found of `fallbackKeys` while the source is down. */
function fetchAt<T>(
  cache: Cache,
  key: string,
  fallbackKeys: string[],
  load: () => Promise<T>,
  ttlSeconds: number,
): Promise<T> {
  return cache.fetch(key, load, ttlSeconds, fallbackKeys.length ? { fallbackKeys } : undefined);
}

export async function bumpDataVersion(cache: Cache, platform: string): Promise<void> {
  await cache.set(key(platform), (await dataVersion(cache, platform)) + 1, FOREVER);
}

/** One keyword of one platform and marketplace, as typed (normalized here). */
export type KeywordRef = { platform: string; marketplace: string; keyword: string };

/** A keyword's own version and the ones before it, most recent first, as the cache keeps it. */
type OwnVersion = { v: number; prev: number[] };

/**
 * The version part of the keys of answers about one keyword alone, and the ones before it (most
 * recent first) for the fallback while the source is down: the platform's keyword epoch (moved
 * when too many keywords are written at once to move each) and the keyword's own version. A
 * collection moves the keyword, then the estimates computed after it move it again: the answer
 * last cached may be two back.
 */
export type KeywordVersion = { key: string; previous: string[] };

/** How many earlier versions a keyword's version remembers for the fallback. */
const KEPT_VERSIONS = 3;

/**
 * Past this many keywords written by one job, the platform's keyword epoch moves instead of each
 * keyword's version: a recalibration recomputing millions of keywords must not leave millions of
 * version keys in Redis for an hour (5,000 keys are about 1 MB).
 */
export const KEYWORD_BUMP_LIMIT = 5_000;

const keywordKey = (ref: KeywordRef) =>
  `kw:version:${ref.platform}:${ref.marketplace.trim().toUpperCase()}:${normalizeKeyword(ref.keyword)}`;

/** The platform's keyword epoch lives beside its data version, under a name no platform has. */
const epochOf = (platform: string) => `${platform}#keywords`;

/**
 * How long a keyword's version is kept after its last move: longer than an answer and its stale
 * copy live (5 + 5 minutes), so that when it expires and reads as 0 again, nothing cached under
 * 0 is left. Versions of keywords no one writes any more do not pile up in Redis.
 */
const KEYWORD_VERSION_SECONDS = 3_600;

const ownVersion = async (cache: Cache, ref: KeywordRef): Promise<OwnVersion> =>
  (await cache.get<OwnVersion>(keywordKey(ref))) ?? { v: 0, prev: [] };

/**
 * The version in the cache keys of answers about one keyword alone (its detail, trends and
 * competition): moved by every write of that keyword's data, and by nothing else, so those
 * answers outlive the collection of other keywords, which moves the platform's version.
 */
export async function keywordVersion(cache: Cache, ref: KeywordRef): Promise<KeywordVersion> {
  const [epoch, own] = await Promise.all([
    dataVersion(cache, epochOf(ref.platform)),
    ownVersion(cache, ref),
  ]);
  return {
    key: `${epoch}.${own.v}`,
    previous: [
      ...own.prev.map((v) => `${epoch}.${v}`),
      ...(epoch > 0 ? [`${epoch - 1}.${own.v}`] : []),
    ],
  };
}

/**
 * Moves the versions of keywords just written (after the write). A new version is at least the
 * time in ms, not just one more: two processes moving one keyword at once both read the same
 * version, and one more would give both the same new one, under which an answer read between
 * their writes could stay cached; with the time they differ unless set within the same ms.
 */
export async function bumpKeywordVersions(
  cache: Cache,
  platform: string,
  marketplace: string,
  keywords: Iterable<string>,
): Promise<void> {
  const unique = new Set([...keywords].map(normalizeKeyword));
  await Promise.all(
    [...unique].map(async (keyword) => {
      const ref = { platform, marketplace, keyword };
      const { v, prev } = await ownVersion(cache, ref);
      const next: OwnVersion = {
        v: Math.max(v + 1, Date.now()),
        prev: [v, ...prev].slice(0, KEPT_VERSIONS),
      };
      await cache.set(keywordKey(ref), next, KEYWORD_VERSION_SECONDS);
    }),
  );
}

/**
 * After keywords' rows were written by a job that had already written `before` others: their own
 * versions move, or past `KEYWORD_BUMP_LIMIT` in all the platform's keyword epoch (every answer
 * about one keyword of the platform, at most once per 15 s); and the platform's version, for the
 * answers that span it (searches, related, popular), at most once per 15 s.
 */
export async function invalidateKeywords(
  cache: Cache,
  platform: string,
  marketplace: string,
  keywords: string[],
  before = 0,
): Promise<void> {
  if (before + keywords.length > KEYWORD_BUMP_LIMIT)
    await bumpDataVersionThrottled(cache, epochOf(platform));
  else await bumpKeywordVersions(cache, platform, marketplace, keywords);
  await bumpDataVersionThrottled(cache, platform);
}

/**
 * `cache.fetch` of an answer about one keyword alone, keyed by its version (`keyOf(version)`);
 * while the source is unavailable, a key just moved is answered by the latest answer cached under
 * one of the versions before.
 */
export async function fetchKeywordVersioned<T>(
  cache: Cache,
  ref: KeywordRef,
  keyOf: (version: string) => string,
  load: () => Promise<T>,
  ttlSeconds: number,
): Promise<T> {
  const { key, previous } = await keywordVersion(cache, ref);
  return fetchAt(cache, keyOf(key), previous.map(keyOf), load, ttlSeconds);
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
