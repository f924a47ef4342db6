import { describe, expect, it } from 'vitest';
import { estimateCpc } from './estimate-cpc';
import { scoreCompetition } from './score-competition';
import { scoreKeyword } from './score-keyword';

const strength = (favouritesMedian: number | null, topSellerShare = 0.1) => ({
  favouritesMedian,
  reviewsMedian: null,
  salesRankMedian: null,
  topSellerShare,
});

describe('scoreCompetition', () => {
  it('follows the documented formula', () => {
    const c = scoreCompetition({
      platform: 'etsy',
      listingCount: 999,
      strength: strength(99, 0.2),
      price: { min: 2, median: 4, max: 6 },
    });
    // listings log10(1000)/6 = 0.5; strength log10(100)/4 = 0.5; spread (6-2)/4 = 1 -> 1 - log10(2)
    expect(c.parts).toEqual({
      listings: 0.5,
      topStrength: 0.5,
      sellerConcentration: 0.2,
      priceTightness: 0.699,
    });
    expect(c.score).toBeCloseTo(0.25 + 0.15 + 0.02 + 0.0699, 3);
    expect(c.level).toBe('medium');
  });

  it('ranks a crowded market with strong listings above a thin one, in levels', () => {
    const thin = scoreCompetition({
      platform: 'etsy',
      listingCount: 40,
      strength: strength(3),
      price: null,
    });
    const crowded = scoreCompetition({
      platform: 'etsy',
      listingCount: 800_000,
      strength: strength(9_000, 0.5),
      price: null,
    });
    expect(thin.level).toBe('low');
    expect(crowded.level).toBe('very high');
    expect(crowded.explanation).toBe(
      'Very high competition: 800,000 listings, strong top listings.',
    );
    expect([crowded.topListings, thin.topListings]).toEqual(['strong', 'weak']);
  });

  it('reads Amazon strength from the Best Sellers Rank', () => {
    const best = scoreCompetition({
      platform: 'amazon',
      listingCount: 1_000,
      strength: { ...strength(null), salesRankMedian: 100 },
      price: null,
    });
    const worst = scoreCompetition({
      platform: 'amazon',
      listingCount: 1_000,
      strength: { ...strength(null), salesRankMedian: 5_000_000 },
      price: null,
    });
    expect(best.parts.topStrength).toBeGreaterThan(worst.parts.topStrength);
  });
});

describe('estimateCpc', () => {
  it('prefers the ads API bid', () => {
    expect(
      estimateCpc({
        platform: 'amazon',
        competition: 0.5,
        bid: { suggested: 0.91, low: 0.5, high: 1.4, currency: 'USD' },
      }),
    ).toMatchObject({ cpc: 0.91, low: 0.5, high: 1.4, source: 'ads-api' });
  });

  it('otherwise scales the platform base by competition, with a range', () => {
    const calm = estimateCpc({ platform: 'etsy', competition: 0.1 });
    const busy = estimateCpc({ platform: 'etsy', competition: 0.9 });
    expect(busy.cpc).toBeGreaterThan(calm.cpc);
    expect(busy.low).toBeLessThan(busy.cpc);
    expect(busy.high).toBeGreaterThan(busy.cpc);
    expect(busy.source).toBe('model');
  });
});

describe('scoreKeyword', () => {
  it('rewards demand that few strong listings serve, and explains it', () => {
    const good = scoreKeyword({
      volume: 40_000,
      competition: { score: 0.2, parts: { topStrength: 0.2, listings: 0.3 } },
      yearlyChangePct: 35,
    });
    const hard = scoreKeyword({
      volume: 40_000,
      competition: { score: 0.9, parts: { topStrength: 0.9, listings: 0.9 } },
      yearlyChangePct: 0,
    });
    expect(good.opportunity).toBeGreaterThan(hard.opportunity);
    expect(hard.difficulty).toBe(90);
    expect(good.reason).toBe('high demand, few strong listings, growing');
    expect(hard.reason).toBe('high demand, dominated by strong listings');
    expect(
      scoreKeyword({
        volume: 1,
        competition: { score: 0, parts: { topStrength: 0, listings: 0 } },
        yearlyChangePct: null,
      }).opportunity,
    ).toBe(0);
  });
});
