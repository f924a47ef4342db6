import { describe, expect, it } from 'vitest';
import { createRandomForTests } from '../testing-random';
import { calibrateVolumeModel } from './calibrate-volume-model';
import { estimateVolume } from './estimate-volume';
import type { VolumeEvidence } from './volume-features';
import type { VolumeModel, VolumeSample } from './volume-model';
import committed from './volume-model.json' with { type: 'json' };

const model = committed as VolumeModel;

function samples(count: number, factor: number, seed = 3): VolumeSample[] {
  const random = createRandomForTests(seed);
  return Array.from({ length: count }, (_, i) => {
    const evidence: VolumeEvidence = {
      keyword: `printable planner ${i}`,
      platform: 'etsy',
      autocomplete: {
        bestPosition: 1 + Math.floor(random() * 10),
        shortestPrefix: 3 + Math.floor(random() * 10),
        prefixCount: 1 + Math.floor(random() * 8),
      },
      search: {
        listingCount: Math.round(10 ** (2 + 3 * random())),
        listingsShown: 48,
        favouritesMedian: Math.round(10 ** (1 + 2 * random())),
        salesRankMedian: null,
      },
    };
    // The user's report says every keyword has `factor` times what the model predicts.
    return { evidence, volume: estimateVolume(model, evidence).volume * factor };
  });
}

describe('calibrateVolumeModel', () => {
  it('moves the level of a platform onto the known volumes and keeps the ranking', () => {
    const known = samples(40, 3);
    const { model: calibrated, report } = calibrateVolumeModel(model, known, 'import #1');
    expect(report.etsy?.samples).toBe(40);
    expect(report.etsy?.offsets.full).toBeCloseTo(Math.log10(3), 2);
    for (const sample of known.slice(0, 5)) {
      const after = estimateVolume(calibrated, sample.evidence).volume;
      expect(after / sample.volume).toBeGreaterThan(0.95);
      expect(after / sample.volume).toBeLessThan(1.05);
    }
    // Kinds without their own samples follow the platform's pooled offset.
    expect(report.etsy?.offsets.none).toBeCloseTo(Math.log10(3), 2);
    expect(calibrated.version).toBe(`${model.version}+calibrated`);
    expect(calibrated.calibratedOn).toContain('import #1');
    // Other platforms and the input model are untouched.
    expect(calibrated.platforms.amazon).toEqual(model.platforms.amazon);
    expect(model.platforms.etsy.full?.coefficients).toEqual(
      (committed as VolumeModel).platforms.etsy.full?.coefficients,
    );
  });

  it('widens the interval when the known volumes scatter more than the training data', () => {
    const random = createRandomForTests(9);
    const noisy = samples(200, 1).map((s) => ({
      ...s,
      volume: s.volume * 10 ** (random() * 2 - 1),
    }));
    const { model: calibrated } = calibrateVolumeModel(model, noisy, 'noisy');
    const before = model.platforms.etsy.full;
    const after = calibrated.platforms.etsy.full;
    expect(after?.residualP90 ?? 0).toBeGreaterThan(before?.residualP90 ?? 0);
    expect(after?.residualP10 ?? 0).toBeLessThan(before?.residualP10 ?? 0);
  });

  it('moves the fits on evidence only by keywords with evidence, not by those known of nothing', () => {
    // A report's keywords not collected yet: no autocomplete, no search results; 500 times the
    // prior for such a keyword.
    const unknown = Array.from({ length: 200 }, (_, i) => {
      const evidence: VolumeEvidence = {
        keyword: `wedding bundle kit ${i}`,
        platform: 'etsy',
        autocomplete: null,
        search: null,
      };
      return { evidence, volume: estimateVolume(model, evidence).volume * 500 };
    });
    const alone = calibrateVolumeModel(model, unknown, 'uncollected');
    expect(alone.report.etsy?.offsets).toEqual({ none: expect.closeTo(Math.log10(500), 2) });
    expect(alone.model.platforms.etsy.full).toEqual(model.platforms.etsy.full);
    expect(alone.model.platforms.etsy.search).toEqual(model.platforms.etsy.search);

    const mixed = calibrateVolumeModel(model, [...samples(40, 3), ...unknown], 'mixed');
    expect(mixed.report.etsy?.samples).toBe(240);
    expect(mixed.report.etsy?.offsets.full).toBeCloseTo(Math.log10(3), 2);
    // Kinds with too few samples of their own follow the samples with evidence.
    expect(mixed.report.etsy?.offsets.search).toBeCloseTo(Math.log10(3), 2);
    expect(mixed.report.etsy?.offsets.none).toBeCloseTo(Math.log10(500), 2);
  });

  it('changes nothing on too few known volumes', () => {
    const { model: calibrated, report } = calibrateVolumeModel(model, samples(5, 10), 'tiny');
    expect(report).toEqual({});
    expect(calibrated).toBe(model);
  });
});
