import type { Platform } from '@digitallz/contracts';
import type { Random } from './random';
import { seasonalFactor } from './season';
import vocabulary from './vocabulary.json';

export type Season = keyof typeof vocabulary.seasons;

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

/** The random draws behind one keyword on one platform: all a compact world stores. */
export type Draw = {
  monthly: number;
  yearlyChange: number;
  listingCount: number;
  priceMedian: number;
  cpcNoise: number;
  priceMaxFactor: number;
};

const PLATFORM_SCALE: Record<
  Platform,
  { volume: number; listings: number; cpc: number; price: number }
> = {
  amazon: { volume: 1.6, listings: 3, cpc: 1.1, price: 14 },
  etsy: { volume: 1, listings: 1, cpc: 0.45, price: 6 },
  ebay: { volume: 0.5, listings: 0.6, cpc: 0.35, price: 9 },
};

/** The platforms a keyword is searched on, from its product's affinities. */
export function platformsOf(platforms: Record<Platform, number>, random: Random): Platform[] {
  const present = (Object.keys(platforms) as Platform[]).filter(
    (platform) => random.next() < 0.25 + 0.75 * platforms[platform],
  );
  return present.length > 0 ? present : ['etsy'];
}

/** Draws a keyword's hidden market; `weeks` weekly noise factors are drawn in between. */
export function drawKeyword(
  platform: Platform,
  affinity: number,
  monthlyBase: number,
  weeks: number,
  random: Random,
): { draw: Draw; weeklyNoise: number[] } {
  const scale = PLATFORM_SCALE[platform];
  const monthly = Math.max(
    1,
    monthlyBase * scale.volume * affinity * Math.exp(random.normal() * 0.35),
  );
  const yearlyChange = random.normal() * 0.3;
  const weeklyNoise = Array.from({ length: weeks }, () => Math.exp(random.normal() * 0.12));
  const listingCount = Math.round(
    Math.max(3, monthly * scale.listings * Math.exp(random.normal() * 0.9) * 0.8),
  );
  const priceMedian = round(scale.price * Math.exp(random.normal() * 0.5), 2);
  const cpcNoise = Math.exp(random.normal() * 0.3);
  const priceMaxFactor = 2 + random.next() * 4;
  return {
    draw: { monthly, yearlyChange, listingCount, priceMedian, cpcNoise, priceMaxFactor },
    weeklyNoise,
  };
}

/** The keyword's full record from its draws (the same for object and compact worlds). */
export function deriveKeyword(
  text: string,
  platform: Platform,
  season: Season,
  draw: Draw,
  weekStarts: string[],
  weeklyNoise: number[],
): MarketKeyword {
  const scale = PLATFORM_SCALE[platform];
  const curve = vocabulary.seasons[season];
  const { monthly, yearlyChange, listingCount, priceMedian } = draw;
  const weekly = weekStarts.map((periodStart, i) => {
    const growth = Math.exp(yearlyChange * ((i - weekStarts.length + 1) / 52));
    const searchVolume =
      (monthly / 4.345) * seasonalFactor(curve, periodStart) * growth * (weeklyNoise[i] ?? 1);
    return { periodStart, searchVolume: Math.round(searchVolume), listingCount };
  });
  const recentMonthly = Math.round(
    weekly.slice(-4).reduce((sum, w) => sum + w.searchVolume, 0) * (30.44 / 28),
  );
  const competition = round(1 - Math.exp(-listingCount / 6_000), 3);
  const searchVolume = Math.max(1, weekly.length >= 4 ? recentMonthly : Math.round(monthly));
  return {
    keyword: text,
    platform,
    marketplace: 'US',
    searchVolume,
    volumeLow: Math.round(searchVolume * 0.65),
    volumeHigh: Math.round(searchVolume * 1.45),
    competition,
    cpc: round(Math.max(0.05, scale.cpc * (0.3 + 1.6 * competition) * draw.cpcNoise), 2),
    difficulty: Math.round(
      100 * (0.65 * competition + 0.35 * Math.min(1, Math.log10(listingCount) / 6)),
    ),
    opportunity: Math.round(
      100 * Math.min(1, Math.log10(searchVolume) / 5.5) * (1 - 0.75 * competition),
    ),
    listingCount,
    priceMin: round(priceMedian * 0.3, 2),
    priceMedian,
    priceMax: round(priceMedian * draw.priceMaxFactor, 2),
    trend: {
      yearlyChangePct: round((Math.exp(yearlyChange) - 1) * 100, 1),
      peakMonth: peakMonth(curve),
    },
    weekly,
  };
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
