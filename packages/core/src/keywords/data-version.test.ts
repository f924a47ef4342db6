import { describe, expect, it } from 'vitest';
import { createCache } from '../cache';
import { bumpDataVersionThrottled, dataVersion } from './data-version';

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
