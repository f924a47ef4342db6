import { describe, expect, it } from 'vitest';
import { createCache } from '../cache';
import {
  bumpDataVersion,
  bumpDataVersionThrottled,
  bumpKeywordVersions,
  dataVersion,
  fetchKeywordVersioned,
  fetchVersioned,
  invalidateKeywords,
  KEYWORD_BUMP_LIMIT,
  keywordVersion,
} from './data-version';

describe('throttled data version bumps', () => {
  it('bumps at once, then at most once per interval, with a trailing bump for what came between', async () => {
    const cache = createCache();
    const options = { intervalMs: 100 };
    await bumpDataVersionThrottled(cache, 'etsy', options);
    expect(await dataVersion(cache, 'etsy')).toBe(1);
    for (let i = 0; i < 5; i++) await bumpDataVersionThrottled(cache, 'etsy', options);
    expect(await dataVersion(cache, 'etsy')).toBe(1);
    // Another platform has its own interval.
    await bumpDataVersionThrottled(cache, 'amazon', options);
    expect(await dataVersion(cache, 'amazon')).toBe(1);
    await new Promise((r) => setTimeout(r, 150));
    expect(await dataVersion(cache, 'etsy')).toBe(2);
    await new Promise((r) => setTimeout(r, 120));
    await bumpDataVersionThrottled(cache, 'etsy', options);
    expect(await dataVersion(cache, 'etsy')).toBe(3);
    await cache.close();
  });
});

describe('answers keyed by data version', () => {
  it('are loaded again after a bump, and served from the version before while the source is down', async () => {
    const cache = createCache();
    const key = (version: number) => `answer:etsy:${version}`;
    let loads = 0;
    const load = async () => `load ${++loads}`;
    expect(await fetchVersioned(cache, 'etsy', key, load, 60)).toBe('load 1');
    await bumpDataVersion(cache, 'etsy');
    expect(await fetchVersioned(cache, 'etsy', key, load, 60)).toBe('load 2');
    await bumpDataVersion(cache, 'etsy');
    const down = () =>
      Promise.reject(Object.assign(new Error('database down'), { code: 'ECONNREFUSED' }));
    expect(await fetchVersioned(cache, 'etsy', key, down, 60)).toBe('load 2');
    const amazonKey = (version: number) => `answer:amazon:${version}`;
    expect(await fetchVersioned(cache, 'amazon', amazonKey, load, 60)).toBe('load 3');
    await bumpDataVersion(cache, 'amazon');
    expect(await fetchVersioned(cache, 'amazon', amazonKey, down, 60)).toBe('load 3');
    // Two bumps past the last answer: nothing to fall back on.
    await bumpDataVersion(cache, 'amazon');
    await expect(fetchVersioned(cache, 'amazon', amazonKey, down, 60)).rejects.toThrow(
      'database down',
    );
    await cache.close();
  });
});

describe('keyword versions', () => {
  it('move only for the keywords written, however they were typed', async () => {
    const cache = createCache();
    const wedding = { platform: 'etsy', marketplace: 'US', keyword: 'wedding planner' };
    const other = { platform: 'etsy', marketplace: 'US', keyword: 'budget planner' };
    expect(await keywordVersion(cache, wedding)).toEqual({ key: '0.0', previous: [] });
    await bumpKeywordVersions(cache, 'etsy', 'US', ['Wedding  Planner', 'wedding planner']);
    const first = await keywordVersion(cache, { ...wedding, marketplace: 'us' });
    expect(first.key).not.toBe('0.0');
    expect(first.previous).toEqual(['0.0']);
    expect(await keywordVersion(cache, other)).toEqual({ key: '0.0', previous: [] });
    // Another platform or marketplace is another keyword.
    expect((await keywordVersion(cache, { ...wedding, platform: 'amazon' })).key).toBe('0.0');
    expect((await keywordVersion(cache, { ...wedding, marketplace: 'GB' })).key).toBe('0.0');
    // Moving again within the same millisecond still gives a new version.
    await bumpKeywordVersions(cache, 'etsy', 'US', ['wedding planner']);
    const second = await keywordVersion(cache, wedding);
    expect(second.key).not.toBe(first.key);
    expect(second.previous).toEqual([first.key, '0.0']);
    await cache.close();
  });

  it("past the limit, move the platform's keyword epoch instead of each keyword", async () => {
    const cache = createCache();
    const wedding = { platform: 'etsy', marketplace: 'US', keyword: 'wedding' };
    const before = await keywordVersion(cache, wedding);
    const many = Array.from({ length: KEYWORD_BUMP_LIMIT + 1 }, (_, i) => `keyword ${i}`);
    await invalidateKeywords(cache, 'etsy', 'US', many);
    // Every keyword of the platform moved at once, with no key of its own written.
    const after = await keywordVersion(cache, wedding);
    expect(after.key).toBe('1.0');
    expect(after.previous).toEqual([before.key]);
    expect(await keywordVersion(cache, { ...wedding, keyword: 'keyword 7' })).toEqual(after);
    expect((await keywordVersion(cache, { ...wedding, platform: 'ebay' })).key).toBe('0.0');
    // A few, after a job already wrote many: the epoch too (within its 15 s, no new move).
    await invalidateKeywords(cache, 'etsy', 'US', ['wedding'], KEYWORD_BUMP_LIMIT);
    expect((await keywordVersion(cache, wedding)).key).toBe('1.0');
    // A few on their own: their own versions. The platform's version moved for searches.
    await invalidateKeywords(cache, 'etsy', 'US', ['wedding']);
    expect((await keywordVersion(cache, wedding)).key).not.toBe('1.0');
    expect((await keywordVersion(cache, { ...wedding, keyword: 'keyword 7' })).key).toBe('1.0');
    expect(await dataVersion(cache, 'etsy')).toBe(1);
    await cache.close();
  });

  it('key answers: loaded again after a move, the version before served while the source is down', async () => {
    const cache = createCache();
    const ref = { platform: 'etsy', marketplace: 'US', keyword: 'wedding' };
    const key = (version: string) => `answer:wedding:${version}`;
    let loads = 0;
    const load = async () => `load ${++loads}`;
    expect(await fetchKeywordVersioned(cache, ref, key, load, 60)).toBe('load 1');
    expect(await fetchKeywordVersioned(cache, ref, key, load, 60)).toBe('load 1');
    // The platform's version moving (another keyword collected) changes nothing here.
    await bumpDataVersion(cache, 'etsy');
    expect(await fetchKeywordVersioned(cache, ref, key, load, 60)).toBe('load 1');
    // Moved twice (a collection, then its estimates) since the answer was cached: while the
    // source is down, the answer two versions back is served.
    await bumpKeywordVersions(cache, 'etsy', 'US', ['wedding']);
    await bumpKeywordVersions(cache, 'etsy', 'US', ['wedding']);
    const down = () =>
      Promise.reject(Object.assign(new Error('database down'), { code: 'ECONNREFUSED' }));
    expect(await fetchKeywordVersioned(cache, ref, key, down, 60)).toBe('load 1');
    expect(await fetchKeywordVersioned(cache, ref, key, load, 60)).toBe('load 2');
    await cache.close();
  });
});
