import type { Platform } from '@digitallz/contracts';
import { chooseLargeKeywords } from './choose-large';
import { createRandom, type Random } from './random';
import vocabulary from './vocabulary.json';

export type MarketKeyword = {
  keyword: string;
  platform: Platform;
  marketplace: string;
  searchVolume: number;
  volumeLow: number;
  volumeHigh: number;
  competition: number;
  cpc: number;
  difficulty: number;
  opportunity: number;
  listingCount: number;
  priceMin: number;
  priceMedian: number;
  priceMax: number;
  trend: { yearlyChangePct: number; peakMonth: number | null };
  /** Weekly searches, oldest first, one per week ending with the week of `asOf`. */
  weekly: { periodStart: string; searchVolume: number; listingCount: number }[];
};

export type MarketWorld = { keywords: MarketKeyword[]; asOf: string };

export type GenerateMarketWorldOptions = {
  /** Distinct keyword strings; each appears on one to three platforms. */
  keywords?: number;
  seed?: number;
  /** The last week of the series (any day of it). */
  asOf: Date;
  weeks?: number;
};

type Season = keyof typeof vocabulary.seasons;
/** Above this many keywords, the combinatorial generator takes over (capacity about 19 million). */
export const LARGE_WORLD_FROM = 60_000;
/** Measured: 1 million keywords take 16 s and 1.5 GB. Ten million needs a compact market (not built yet). */
export const MAX_WORLD_KEYWORDS = 2_000_000;

type Candidate = {
  text: string;
  score: number;
  season: Season;
  platforms: Record<Platform, number>;
};

const PLATFORM_SCALE: Record<
  Platform,
  { volume: number; listings: number; cpc: number; price: number }
> = {
  amazon: { volume: 1.6, listings: 3, cpc: 1.1, price: 14 },
  etsy: { volume: 1, listings: 1, cpc: 0.45, price: 6 },
  ebay: { volume: 0.5, listings: 0.6, cpc: 0.35, price: 9 },
};

/**
 * A deterministic world of digital-product keywords over amazon, etsy and ebay with a year of
 * weekly observations: heavy-tailed volumes, seasonal peaks and trends. The same options always
 * give the same world.
 */
export function generateMarketWorld(options: GenerateMarketWorldOptions): MarketWorld {
  const random = createRandom(options.seed ?? 20_261_124);
  const count = options.keywords ?? 5_000;
  if (!Number.isInteger(count) || count < 1 || count > MAX_WORLD_KEYWORDS) {
    // One object per keyword and platform: beyond this a world no longer fits a default Node heap.
    throw new RangeError(
      `A sandbox world holds 1 to ${MAX_WORLD_KEYWORDS.toLocaleString('en-US')} keywords (asked for ${count})`,
    );
  }
  // Large worlds keep no weekly series: a year for millions of keywords does not fit in memory.
  const weeks = options.weeks ?? (count > LARGE_WORLD_FROM ? 0 : 52);
  const weekStarts = lastWeekStarts(options.asOf, weeks);
  const chosen =
    count > LARGE_WORLD_FROM
      ? chooseLargeKeywords(count, options.seed ?? 20_261_124)
      : chooseKeywords(random, count);
  const keywords: MarketKeyword[] = [];
  chosen.forEach((candidate, index) => {
    const monthlyBase = 180_000 / (index + 1) ** 0.85;
    for (const platform of platformsOf(candidate, random)) {
      keywords.push(simulate(candidate, platform, monthlyBase, weekStarts, random));
    }
  });
  return { keywords, asOf: lastWeekStarts(options.asOf, 1)[0] as string };
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

function platformsOf(candidate: Candidate, random: Random): Platform[] {
  const present = (Object.keys(candidate.platforms) as Platform[]).filter(
    (platform) => random.next() < 0.25 + 0.75 * candidate.platforms[platform],
  );
  return present.length > 0 ? present : ['etsy'];
}

function simulate(
  candidate: Candidate,
  platform: Platform,
  monthlyBase: number,
  weekStarts: string[],
  random: Random,
): MarketKeyword {
  const scale = PLATFORM_SCALE[platform];
  const affinity = candidate.platforms[platform];
  const monthly = Math.max(
    20,
    monthlyBase * scale.volume * affinity * Math.exp(random.normal() * 0.35),
  );
  const yearlyChange = random.normal() * 0.3;
  const season = vocabulary.seasons[candidate.season];
  const weekly = weekStarts.map((periodStart, i) => {
    const month = new Date(`${periodStart}T00:00:00Z`).getUTCMonth();
    const growth = Math.exp(yearlyChange * ((i - weekStarts.length + 1) / 52));
    const noise = Math.exp(random.normal() * 0.12);
    return {
      periodStart,
      searchVolume: Math.round((monthly / 4.345) * (season[month] ?? 1) * growth * noise),
    };
  });
  const recentMonthly = Math.round(
    weekly.slice(-4).reduce((sum, w) => sum + w.searchVolume, 0) * (30.44 / 28),
  );
  const listingCount = Math.round(
    Math.max(3, monthly * scale.listings * Math.exp(random.normal() * 0.9) * 0.8),
  );
  const competition = round(1 - Math.exp(-listingCount / 6_000), 3);
  const priceMedian = round(scale.price * Math.exp(random.normal() * 0.5), 2);
  const searchVolume = Math.max(10, weekly.length >= 4 ? recentMonthly : Math.round(monthly));
  return {
    keyword: candidate.text,
    platform,
    marketplace: 'US',
    searchVolume,
    volumeLow: Math.round(searchVolume * 0.65),
    volumeHigh: Math.round(searchVolume * 1.45),
    competition,
    cpc: round(
      Math.max(0.05, scale.cpc * (0.3 + 1.6 * competition) * Math.exp(random.normal() * 0.3)),
      2,
    ),
    difficulty: Math.round(
      100 * (0.65 * competition + 0.35 * Math.min(1, Math.log10(listingCount) / 6)),
    ),
    opportunity: Math.round(
      100 * Math.min(1, Math.log10(searchVolume) / 5.5) * (1 - 0.75 * competition),
    ),
    listingCount,
    priceMin: round(priceMedian * 0.3, 2),
    priceMedian,
    priceMax: round(priceMedian * (2 + random.next() * 4), 2),
    trend: {
      yearlyChangePct: round((Math.exp(yearlyChange) - 1) * 100, 1),
      peakMonth: peakMonth(season),
    },
    weekly: weekly.map((w) => ({ ...w, listingCount })),
  };
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

/** 1-12, or null for a season without a peak. */
function peakMonth(season: number[]): number | null {
  const max = Math.max(...season);
  return max === Math.min(...season) ? null : season.indexOf(max) + 1;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
