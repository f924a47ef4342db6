import { describe, expect, it } from 'vitest';
import { createRandomForTests } from '../testing-random';
import { estimateVolume } from './estimate-volume';
import type { VolumeEvidence } from './volume-features';
import { fitVolumeModel, type VolumeModel, type VolumeSample } from './volume-model';
import committed from './volume-model.json' with { type: 'json' };

const evidence = (over: Partial<VolumeEvidence> = {}): VolumeEvidence => ({
  keyword: 'wedding invitation template',
  platform: 'etsy',
  autocomplete: { bestPosition: 2, shortestPrefix: 9, prefixCount: 6 },
  search: { listingCount: 4_200, listingsShown: 100, favouritesMedian: 310, salesRankMedian: null },
  ...over,
});

describe('fitVolumeModel', () => {
  it('recovers a known relation and the spread of its noise', () => {
    const random = createRandomForTests(5);
    const samples: VolumeSample[] = Array.from({ length: 4_000 }, () => {
      const favourites = 10 ** (1 + 3 * random());
      const noise = (random() - 0.5) * 0.4; // uniform on +-0.2: p10 = -0.16, p90 = 0.16
      const volume = 10 ** (0.5 + 0.9 * Math.log10(1 + favourites) + noise);
      return {
        evidence: evidence({
          autocomplete: null,
          search: {
            listingCount: 100,
            listingsShown: 48,
            favouritesMedian: favourites,
            salesRankMedian: null,
          },
        }),
        volume,
      };
    });
    const model = fitVolumeModel(samples, { version: 't', calibratedOn: 'synthetic' });
    const fit = model.platforms.etsy.search;
    expect(fit?.samples).toBe(4_000);
    expect(fit?.residualP10).toBeCloseTo(-0.16, 1);
    expect(fit?.residualP90).toBeCloseTo(0.16, 1);
    const estimate = estimateVolume(
      model,
      evidence({
        autocomplete: null,
        search: {
          listingCount: 100,
          listingsShown: 48,
          favouritesMedian: 999,
          salesRankMedian: null,
        },
      }),
    );
    expect(Math.log10(estimate.volume)).toBeCloseTo(0.5 + 0.9 * 3, 1);
    // A sample with search evidence also trains the model that knows nothing.
    expect(model.platforms.etsy.none?.samples).toBe(4_000);
    expect(model.platforms.amazon.search).toBeUndefined();
  });
});

describe('estimateVolume with the committed model', () => {
  const model = committed as VolumeModel;

  it('gives a point inside its 80% interval and says what it rests on', () => {
    const estimate = estimateVolume(model, evidence());
    expect(estimate.evidence).toBe('full');
    expect(estimate.low).toBeLessThanOrEqual(estimate.volume);
    expect(estimate.high).toBeGreaterThanOrEqual(estimate.volume);
    expect(estimate.explanation).toContain('position 2');
    expect(estimate.explanation).toContain('4,200 competing listings');
    expect(estimate.explanation).toContain('310 favourites');
    // The same, as figures a client says in its own language.
    expect(estimate.basis).toEqual({
      autocomplete: { position: 2, prefixLength: 9, prefixes: 6 },
      listingCount: 4_200,
      favouritesMedian: 310,
      salesRankMedian: null,
    });
  });

  it('ranks stronger demand signals higher and widens the interval with less evidence', () => {
    const search = evidence().search as NonNullable<VolumeEvidence['search']>;
    const weak = estimateVolume(model, evidence({ search: { ...search, favouritesMedian: 5 } }));
    const strong = estimateVolume(
      model,
      evidence({ search: { ...search, favouritesMedian: 5_000 } }),
    );
    expect(strong.volume).toBeGreaterThan(weak.volume);
    const full = estimateVolume(model, evidence());
    const bare = estimateVolume(model, evidence({ autocomplete: null, search: null }));
    expect(bare.evidence).toBe('none');
    expect(bare.high / bare.low).toBeGreaterThan(full.high / full.low);
    expect(bare.explanation).toContain('no marketplace observation yet');
    expect(bare.basis).toEqual({
      autocomplete: null,
      listingCount: null,
      favouritesMedian: null,
      salesRankMedian: null,
    });
  });

  it('has a model for every platform and evidence kind', () => {
    for (const platform of ['amazon', 'etsy', 'ebay'] as const)
      for (const kind of ['full', 'autocomplete', 'search', 'none'] as const)
        expect(model.platforms[platform][kind]?.coefficients.length).toBeGreaterThan(1);
  });
});
