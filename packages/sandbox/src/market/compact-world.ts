import { PLATFORMS, type Platform } from '@digitallz/contracts';
import { chooseLargeKeywords, combinationText, combinationTraits } from './choose-large';
import { createRandom } from './random';
import { type Draw, deriveKeyword, drawKeyword, type MarketKeyword, platformsOf } from './simulate';

/**
 * A large world in typed arrays: one entry per keyword and platform, holding the combination that
 * spells the keyword and the draws behind its market. Ten million keywords (about 20 million
 * entries) take about 600 MB; records are made on demand.
 */
export type CompactWorld = {
  asOf: string;
  /** Distinct keywords. */
  keywords: number;
  /** Entries (keyword x platform). */
  size: number;
  /** Keyword ranks (0 = most searched) in keyword order. */
  alphabetical: Int32Array;
  /** The first entry of each keyword rank (entries of one keyword are contiguous), plus the end. */
  firstEntry: Int32Array;
  combination: Int32Array;
  platform: Uint8Array;
  monthly: Float32Array;
  yearlyChange: Float32Array;
  listingCount: Int32Array;
  priceMedian: Float32Array;
  cpcNoise: Float32Array;
  priceMaxFactor: Float32Array;
};

export type GenerateCompactWorldOptions = { keywords: number; seed: number; asOf: string };

export function generateCompactWorld(options: GenerateCompactWorldOptions): CompactWorld {
  const { combinations: chosen, alphabetical } = chooseLargeKeywords(
    options.keywords,
    options.seed,
  );
  const random = createRandom(options.seed);
  const capacity = chosen.length * PLATFORMS.length;
  const world: CompactWorld = {
    asOf: options.asOf,
    keywords: chosen.length,
    size: 0,
    alphabetical,
    firstEntry: new Int32Array(chosen.length + 1),
    combination: new Int32Array(capacity),
    platform: new Uint8Array(capacity),
    monthly: new Float32Array(capacity),
    yearlyChange: new Float32Array(capacity),
    listingCount: new Int32Array(capacity),
    priceMedian: new Float32Array(capacity),
    cpcNoise: new Float32Array(capacity),
    priceMaxFactor: new Float32Array(capacity),
  };
  let n = 0;
  for (let rank = 0; rank < chosen.length; rank++) {
    const combination = chosen[rank] as number;
    const { platforms } = combinationTraits(combination);
    const monthlyBase = 180_000 / (rank + 1) ** 0.85;
    world.firstEntry[rank] = n;
    for (const platform of platformsOf(platforms, random)) {
      const { draw } = drawKeyword(platform, platforms[platform], monthlyBase, 0, random);
      world.combination[n] = combination;
      world.platform[n] = PLATFORMS.indexOf(platform);
      world.monthly[n] = draw.monthly;
      world.yearlyChange[n] = draw.yearlyChange;
      world.listingCount[n] = draw.listingCount;
      world.priceMedian[n] = draw.priceMedian;
      world.cpcNoise[n] = draw.cpcNoise;
      world.priceMaxFactor[n] = draw.priceMaxFactor;
      n++;
    }
  }
  world.size = n;
  world.firstEntry[chosen.length] = n;
  return world;
}

export function compactPlatform(world: CompactWorld, entry: number): Platform {
  return PLATFORMS[world.platform[entry] as number] as Platform;
}

export function compactText(world: CompactWorld, entry: number): string {
  return combinationText(world.combination[entry] as number);
}

/** The entry's monthly searches, as its record reports them (large worlds keep no series). */
export function compactVolume(world: CompactWorld, entry: number): number {
  return Math.max(1, Math.round(world.monthly[entry] as number));
}

/** The full record of one entry. Float32 storage rounds draws, so records stay deterministic. */
export function compactKeyword(world: CompactWorld, entry: number): MarketKeyword {
  const combination = world.combination[entry] as number;
  const draw: Draw = {
    monthly: world.monthly[entry] as number,
    yearlyChange: world.yearlyChange[entry] as number,
    listingCount: world.listingCount[entry] as number,
    priceMedian: Math.round((world.priceMedian[entry] as number) * 100) / 100,
    cpcNoise: world.cpcNoise[entry] as number,
    priceMaxFactor: world.priceMaxFactor[entry] as number,
  };
  const { season } = combinationTraits(combination);
  return deriveKeyword(
    combinationText(combination),
    compactPlatform(world, entry),
    season,
    draw,
    [],
    [],
  );
}
