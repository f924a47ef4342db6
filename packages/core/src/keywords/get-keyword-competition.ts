import type { KeywordCompetition } from '@digitallz/contracts';
import type { Db } from '@digitallz/db';
import type { Cache } from '../cache';
import { scoreCompetition } from '../intelligence/scores/score-competition';
import { fetchKeywordVersioned } from './data-version';
import { DETAIL_CACHE_TTL_SECONDS } from './get-keyword';
import {
  isDemoSource,
  type KeywordRow,
  type KeywordTarget,
  loadKeyword,
  priceOf,
  strengthOf,
} from './load-keyword';
import { normalizeKeyword } from './normalize-keyword';

const BANDS = 8;

/**
 * Who a seller competes with for a keyword: the first page of listings, how their prices spread
 * (a histogram of bands), how concentrated the sellers are, and the competition score with its
 * explanation.
 */
export async function getKeywordCompetition(
  deps: { db: Db; cache: Cache },
  target: KeywordTarget,
): Promise<KeywordCompetition> {
  const keyword = normalizeKeyword(target.keyword);
  return fetchKeywordVersioned(
    deps.cache,
    target,
    (version) => `kw:competition:v3:${target.platform}:${version}:${target.marketplace}:${keyword}`,
    async () => toCompetition(await loadKeyword(deps.db, target, 'listings')),
    DETAIL_CACHE_TTL_SECONDS,
  );
}

function toCompetition(row: KeywordRow): KeywordCompetition {
  const listings = row.top_listings ?? [];
  const price = priceOf(row);
  const scored = scoreCompetition({
    platform: row.platform,
    listingCount: row.listing_count,
    strength: strengthOf(row),
    price,
  });
  const sellers = new Map<string, number>();
  for (const l of listings) if (l.seller) sellers.set(l.seller, (sellers.get(l.seller) ?? 0) + 1);
  return {
    keyword: row.keyword,
    platform: row.platform,
    marketplace: row.marketplace,
    isDemo: isDemoSource(row.source),
    listingCount: row.listing_count,
    competition: row.estimates?.competition
      ? {
          score: row.estimates.competition.score,
          level: row.estimates.competition.level,
          listingCount: row.listing_count,
          // Estimates stored before the word was: the same scoring of the same row says it.
          topListings: row.estimates.competition.topListings ?? scored.topListings,
          explanation: row.estimates.competition.explanation,
        }
      : {
          score: scored.score,
          level: scored.level,
          listingCount: row.listing_count,
          topListings: scored.topListings,
          explanation: scored.explanation,
        },
    price: price ? { ...price, histogram: histogram(listings, price) } : null,
    sellers: [...sellers]
      .map(([seller, count]) => ({ seller, listings: count }))
      .sort((a, b) => b.listings - a.listings || a.seller.localeCompare(b.seller)),
    topListings: listings,
    lastUpdated: new Date(row.last_updated).toISOString(),
  };
}

/** Equal-width price bands from the cheapest to the dearest listing of the first page. */
function histogram(listings: KeywordRow['top_listings'] & {}, range: { min: number; max: number }) {
  const prices = listings.flatMap((l) => (l.price === null ? [] : [l.price]));
  const min = prices.length ? Math.min(...prices) : range.min;
  const max = prices.length ? Math.max(...prices) : range.max;
  const width = (max - min) / BANDS || 1;
  const bands = Array.from({ length: BANDS }, (_, i) => ({
    from: Math.round((min + i * width) * 100) / 100,
    to: Math.round((min + (i + 1) * width) * 100) / 100,
    count: 0,
  }));
  for (const p of prices) {
    const band = bands[Math.min(BANDS - 1, Math.floor((p - min) / width))];
    if (band) band.count++;
  }
  return bands;
}
