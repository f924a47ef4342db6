import { PLATFORMS } from '@digitallz/contracts';
import { describe, expect, it } from 'vitest';
import { LARGE_WORLD_FROM } from './generate-world';
import { createMarket } from './market';
import type { MarketKeyword } from './simulate';

const asOf = new Date('2026-11-24T12:00:00Z');

/** What the autocomplete must answer, by brute force over every record. */
function bruteSuggest(records: MarketKeyword[], platform: string, prefix: string, limit: number) {
  return records
    .filter((k) => k.platform === platform && k.keyword.startsWith(prefix))
    .sort((a, b) => b.searchVolume - a.searchVolume || (a.keyword < b.keyword ? -1 : 1))
    .slice(0, limit)
    .map((k) => k.keyword);
}

describe.each([
  ['object', 3_000],
  ['compact', LARGE_WORLD_FROM + 20_000],
])('a market over an %s world', (_kind, keywords) => {
  const market = createMarket({ asOf, keywords });
  const records = [...market.records()];

  it('holds the distinct keywords asked for, each once per platform', () => {
    expect(new Set(records.map((k) => k.keyword)).size).toBe(keywords);
    expect(new Set(records.map((k) => `${k.platform}:${k.keyword}`)).size).toBe(records.length);
    expect(market.size).toBe(records.length);
  });

  it('answers the autocomplete like a brute-force scan, most searched first', () => {
    const prefixes = ['c', 'christmas', 'christmas pl', 'wedding invitation t', 'b', 'zzz', ''];
    for (const platform of PLATFORMS) {
      for (const prefix of prefixes) {
        expect(market.suggest(platform, prefix, 10).map((k) => k.keyword)).toEqual(
          bruteSuggest(records, platform, prefix, 10),
        );
      }
    }
  });

  it('finds the hidden truth of every keyword it holds, and nothing else', () => {
    for (const record of records.filter((_, i) => i % 97 === 0))
      expect(market.truth(record.platform, record.keyword.toUpperCase())).toEqual(record);
    expect(market.truth('etsy', 'no such keyword at all')).toBeUndefined();
  });

  it('shows listings around the keyword searched for', () => {
    const record = records.find((k) => k.platform === 'etsy' && k.listingCount > 200);
    const result = market.search('etsy', record?.keyword ?? '', 50);
    expect(result.count).toBe(record?.listingCount);
    expect(result.listings).toHaveLength(50);
    expect(market.search('etsy', 'qqqq xxxx', 50)).toEqual({ count: 0, listings: [] });
  });
});

describe('market size', () => {
  it('refuses worlds beyond ten million keywords, with the limit in the message', () => {
    expect(() => createMarket({ asOf, keywords: 10_000_001 })).toThrow(/1 to 10,000,000 keywords/);
  });
});
