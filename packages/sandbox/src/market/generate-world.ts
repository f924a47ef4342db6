import type { Platform } from '@digitallz/contracts';
import { compactKeyword, generateCompactWorld } from './compact-world';
import { createRandom, type Random } from './random';
import {
  deriveKeyword,
  drawKeyword,
  type MarketKeyword,
  platformsOf,
  type Season,
} from './simulate';
import vocabulary from './vocabulary.json';

export type { MarketKeyword } from './simulate';

export type MarketWorld = { keywords: MarketKeyword[]; asOf: string };

export type GenerateMarketWorldOptions = {
  /** Distinct keyword strings; each appears on one to three platforms. */
  keywords?: number;
  seed?: number;
  /** The last week of the series (any day of it). */
  asOf: Date;
  /** Weeks of series for worlds up to LARGE_WORLD_FROM keywords (large worlds keep none). */
  weeks?: number;
};

/** Above this many keywords, the combinatorial generator and the compact world take over. */
export const LARGE_WORLD_FROM = 60_000;
/** One object per keyword and platform: beyond this, ask for a compact world instead. */
export const MAX_OBJECT_WORLD_KEYWORDS = 2_000_000;
/** The compact world's limit (the combinatorial generator holds about 19 million). */
export const MAX_WORLD_KEYWORDS = 10_000_000;
export const DEFAULT_SEED = 20_261_124;

type Candidate = {
  text: string;
  score: number;
  season: Season;
  platforms: Record<Platform, number>;
};

/** Validates a world size against a limit, with the limit in the message. */
export function checkWorldSize(count: number, limit = MAX_WORLD_KEYWORDS): number {
  if (!Number.isInteger(count) || count < 1 || count > limit) {
    throw new RangeError(
      `A sandbox world holds 1 to ${limit.toLocaleString('en-US')} keywords (asked for ${count})`,
    );
  }
  return count;
}

/**
 * A deterministic world of digital-product keywords over amazon, etsy and ebay with a year of
 * weekly observations: heavy-tailed volumes, seasonal peaks and trends. The same options always
 * give the same world. Large worlds come from the compact generator, one object per record.
 */
export function generateMarketWorld(options: GenerateMarketWorldOptions): MarketWorld {
  const seed = options.seed ?? DEFAULT_SEED;
  const count = checkWorldSize(options.keywords ?? 5_000, MAX_OBJECT_WORLD_KEYWORDS);
  const asOf = lastWeekStarts(options.asOf, 1)[0] as string;
  if (count > LARGE_WORLD_FROM) {
    const compact = generateCompactWorld({ keywords: count, seed, asOf });
    return {
      keywords: Array.from({ length: compact.size }, (_, i) => compactKeyword(compact, i)),
      asOf,
    };
  }
  const random = createRandom(seed);
  const weekStarts = lastWeekStarts(options.asOf, options.weeks ?? 52);
  const keywords: MarketKeyword[] = [];
  chooseKeywords(random, count).forEach((candidate, index) => {
    const monthlyBase = 180_000 / (index + 1) ** 0.85;
    for (const platform of platformsOf(candidate.platforms, random)) {
      const affinity = candidate.platforms[platform];
      const { draw, weeklyNoise } = drawKeyword(
        platform,
        affinity,
        monthlyBase,
        weekStarts.length,
        random,
      );
      keywords.push(
        deriveKeyword(candidate.text, platform, candidate.season, draw, weekStarts, weeklyNoise),
      );
    }
  });
  return { keywords, asOf };
}

function chooseKeywords(random: Random, count: number): Candidate[] {
  const { themes, products, modifiers } = vocabulary;
  const pool = new Map<string, Candidate>();
  // Small worlds sample the three-word combinations; larger ones take them all (about 57,000 keywords).
  const tripleRate = count <= 8_000 ? 0.12 : 1;
  const add = (
    text: string,
    score: number,
    season: Season,
    platforms: Record<Platform, number>,
  ) => {
    if (!pool.has(text))
      pool.set(text, { text, score: score * Math.exp(random.normal() * 0.35), season, platforms });
  };
  for (const product of products) add(product.term, product.weight * 25, 'flat', product.platforms);
  for (const theme of themes) {
    for (const product of products) {
      const score = theme.weight * product.weight;
      add(`${theme.term} ${product.term}`, score, theme.season as Season, product.platforms);
      for (const modifier of modifiers) {
        const text = modifier.term.startsWith('for ')
          ? `${theme.term} ${product.term} ${modifier.term}`
          : `${modifier.term} ${theme.term} ${product.term}`;
        if (random.next() < tripleRate)
          add(text, score * modifier.weight * 0.35, theme.season as Season, product.platforms);
      }
    }
  }
  return [...pool.values()]
    .filter((c) => !/\b(\w+) \1\b/.test(c.text))
    .sort((a, b) => b.score - a.score || a.text.localeCompare(b.text))
    .slice(0, count);
}

/** ISO dates of the Mondays starting the `count` weeks that end with the week of `asOf`. */
export function lastWeekStarts(asOf: Date, count: number): string[] {
  const monday = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(monday);
    day.setUTCDate(monday.getUTCDate() - 7 * (count - 1 - i));
    return day.toISOString().slice(0, 10);
  });
}
