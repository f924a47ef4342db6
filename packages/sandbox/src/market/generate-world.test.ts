import { describe, expect, it } from 'vitest';
import { generateMarketWorld, lastWeekStarts } from './generate-world';

const asOf = new Date('2026-11-24T12:00:00Z');

describe('generateMarketWorld', () => {
  const world = generateMarketWorld({ asOf });

  it('has at least 5,000 distinct digital-product keywords over amazon, etsy and ebay', () => {
    expect(new Set(world.keywords.map((k) => k.keyword)).size).toBeGreaterThanOrEqual(5_000);
    expect(new Set(world.keywords.map((k) => k.platform))).toEqual(
      new Set(['amazon', 'etsy', 'ebay']),
    );
  });

  it('is deterministic', () => {
    expect(generateMarketWorld({ asOf, keywords: 200 })).toEqual(
      generateMarketWorld({ asOf, keywords: 200 }),
    );
  });

  it('gives every keyword a year of weekly observations ending with the week of asOf', () => {
    for (const k of world.keywords.slice(0, 50)) {
      expect(k.weekly).toHaveLength(52);
      expect(k.weekly.at(-1)?.periodStart).toBe('2026-11-23');
    }
  });

  it('has heavy-tailed volumes and valid metrics', () => {
    const volumes = world.keywords.map((k) => k.searchVolume).sort((a, b) => b - a);
    const top1pct = volumes.slice(0, volumes.length / 100).reduce((a, b) => a + b, 0);
    const total = volumes.reduce((a, b) => a + b, 0);
    expect(top1pct / total).toBeGreaterThan(0.15);
    for (const k of world.keywords) {
      expect(k.keyword).toBe(k.keyword.toLowerCase());
      expect(k.competition).toBeGreaterThanOrEqual(0);
      expect(k.competition).toBeLessThanOrEqual(1);
      expect(k.volumeLow).toBeLessThanOrEqual(k.searchVolume);
      expect(k.volumeHigh).toBeGreaterThanOrEqual(k.searchVolume);
    }
  });

  it('makes Christmas keywords peak in December', () => {
    const christmas = world.keywords.filter((k) => k.keyword.startsWith('christmas'));
    expect(christmas.length).toBeGreaterThan(10);
    expect(christmas.every((k) => k.trend.peakMonth === 12)).toBe(true);
  });
});

describe('world size', () => {
  it('refuses sizes it cannot hold, with the limit in the message', () => {
    expect(() => generateMarketWorld({ asOf, keywords: 3_000_000 })).toThrow(
      /1 to 2,000,000 keywords/,
    );
    expect(() => generateMarketWorld({ asOf, keywords: 0 })).toThrow(RangeError);
  });

  it('grows past the demo vocabulary with the combinatorial generator', () => {
    const world = generateMarketWorld({ asOf, keywords: 70_000 });
    expect(new Set(world.keywords.map((k) => k.keyword)).size).toBe(70_000);
    expect(world.keywords.every((k) => k.weekly.length === 0 && k.searchVolume >= 1)).toBe(true);
  });
});

describe('lastWeekStarts', () => {
  it('returns consecutive Mondays ending with the week of the date', () => {
    expect(lastWeekStarts(new Date('2026-11-29T23:00:00Z'), 3)).toEqual([
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
    ]);
  });
});
