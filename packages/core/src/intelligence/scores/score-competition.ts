import type { Platform, TopListings } from '@digitallz/contracts';
import type { ListingStrength, PriceStats } from '../../collectors/types';

export type CompetitionLevel = 'low' | 'medium' | 'high' | 'very high';

export type CompetitionInput = {
  platform: Platform;
  listingCount: number | null;
  strength: ListingStrength | null;
  price: Pick<PriceStats, 'min' | 'median' | 'max'> | null;
};

export type Competition = {
  /** 0-1 (docs/SCORES.md). */
  score: number;
  level: CompetitionLevel;
  /** How strong the top listings are, in a word (from `parts.topStrength`). */
  topListings: TopListings;
  /** The parts, each 0-1, for the UI. */
  parts: {
    listings: number;
    topStrength: number;
    sellerConcentration: number;
    priceTightness: number;
  };
  explanation: string;
};

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * How strong the top listings are, 0-1, from what each marketplace shows of them: Etsy
 * favourites (10,000 = 1), Amazon Best Sellers Rank (rank 10 = 1, rank 10 million = 0), eBay seller
 * feedback (100,000 = 1). Unknown strength counts as middling (0.5).
 */
/** The level of a 0-1 competition score (docs/SCORES.md). */
export function competitionLevel(score: number): CompetitionLevel {
  return score < 0.25 ? 'low' : score < 0.5 ? 'medium' : score < 0.75 ? 'high' : 'very high';
}

export function topListingStrength(platform: Platform, strength: ListingStrength | null): number {
  if (!strength) return 0.5;
  if (platform === 'amazon' && strength.salesRankMedian !== null)
    return clamp01((7 - Math.log10(Math.max(1, strength.salesRankMedian))) / 6);
  if (platform === 'etsy' && strength.favouritesMedian !== null)
    return clamp01(Math.log10(1 + strength.favouritesMedian) / 4);
  if (strength.reviewsMedian !== null) return clamp01(Math.log10(1 + strength.reviewsMedian) / 5);
  return 0.5;
}

/** How strong the top listings are, in a word: what a seller reads of `topListingStrength`. */
const topListingsWord = (strength: number): TopListings =>
  strength >= 0.6 ? 'strong' : strength >= 0.35 ? 'established' : 'weak';

/**
 * Competition, 0-1: 50% how many listings compete (a million = 1, log scale), 30% how strong the
 * top ones are, 10% how much one seller holds the top, 10% how tight the prices are (a narrow
 * spread means a price war).
 */
export function scoreCompetition(input: CompetitionInput): Competition {
  const listings = clamp01(Math.log10(1 + (input.listingCount ?? 0)) / 6);
  const topStrength = topListingStrength(input.platform, input.strength);
  const sellerConcentration = input.strength?.topSellerShare ?? 0.2;
  const spread =
    input.price && input.price.median > 0
      ? (input.price.max - input.price.min) / input.price.median
      : null;
  const priceTightness = spread === null ? 0.5 : clamp01(1 - Math.log10(1 + spread));
  const score = round3(
    0.5 * listings + 0.3 * topStrength + 0.1 * sellerConcentration + 0.1 * priceTightness,
  );
  const level = competitionLevel(score);
  const count =
    input.listingCount === null
      ? 'an unknown number of'
      : input.listingCount.toLocaleString('en-US');
  const strengthWord = topListingsWord(topStrength);
  return {
    score,
    level,
    topListings: strengthWord,
    parts: {
      listings: round3(listings),
      topStrength: round3(topStrength),
      sellerConcentration: round3(sellerConcentration),
      priceTightness: round3(priceTightness),
    },
    explanation: `${level[0]?.toUpperCase()}${level.slice(1)} competition: ${count} listings, ${strengthWord} top listings.`,
  };
}
