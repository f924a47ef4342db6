import type {
  DataSource,
  KeywordParams,
  Platform,
  TopListings,
  VolumeBasis,
} from '@digitallz/contracts';
import { type Db, queryPrepared, sql } from '@digitallz/db';
import type { Listing, ListingStrength } from '../collectors/types';
import { AppError } from '../errors';
import type { WeeklyPoint } from '../intelligence/trends/analyze-trend';
import { normalizeKeyword } from './normalize-keyword';

export type KeywordTarget = KeywordParams & { marketplace: string };

/** One keyword_data row as the read use cases see it, with its weekly volume series. */
export type KeywordRow = {
  id: string;
  keyword: string;
  platform: Platform;
  marketplace: string;
  source: DataSource;
  search_volume: number | null;
  volume_low: number | null;
  volume_high: number | null;
  competition: number | null;
  cpc: string | null;
  difficulty: number | null;
  opportunity: number | null;
  listing_count: number | null;
  price_min: string | null;
  price_median: string | null;
  price_max: string | null;
  favourites_median: number | null;
  reviews_median: number | null;
  sales_rank_median: number | null;
  top_seller_share: number | null;
  top_listings: Listing[] | null;
  estimates: StoredEstimates | null;
  last_updated: string;
  weekly: WeeklyPoint[] | null;
};

/** What the compute job writes in keyword_data.estimates (see compute-keyword-estimates.ts). */
export type StoredEstimates = {
  computedAt?: string;
  model?: string;
  volume?: {
    volume: number;
    low: number;
    high: number;
    evidence: string;
    /** Absent from estimates stored before it was recorded. */
    basis?: VolumeBasis;
    explanation: string;
  };
  competition?: {
    score: number;
    level: 'low' | 'medium' | 'high' | 'very high';
    /** Absent from estimates stored before it was recorded. */
    topListings?: TopListings;
    explanation: string;
  };
  cpc?: {
    cpc: number;
    low: number;
    high: number;
    currency: string;
    source: 'ads-api' | 'model';
    explanation: string;
  };
  reason?: string;
};

type PriceColumns = {
  price_min: string | null;
  price_median: string | null;
  price_max: string | null;
};

/** The price spread of a keyword_data row (numeric columns come back as text), or null. */
export function priceOf(row: PriceColumns): { min: number; median: number; max: number } | null {
  return row.price_min !== null && row.price_median !== null && row.price_max !== null
    ? { min: Number(row.price_min), median: Number(row.price_median), max: Number(row.price_max) }
    : null;
}

type StrengthColumns = {
  listing_count: number | null;
  favourites_median: number | null;
  reviews_median: number | null;
  sales_rank_median: number | null;
  top_seller_share: number | null;
};

/** What the top listings of the latest search showed, or null when the keyword was never searched. */
export function strengthOf(row: StrengthColumns): ListingStrength | null {
  return row.listing_count === null
    ? null
    : {
        favouritesMedian: row.favourites_median,
        reviewsMedian: row.reviews_median,
        salesRankMedian: row.sales_rank_median,
        topSellerShare: row.top_seller_share,
      };
}

/** Demo seed and sandbox collections are both simulated: both are labelled as demo data. */
export const isDemoSource = (source: DataSource) => source === 'demo' || source === 'sandbox';

/**
 * What a read needs beside the keyword's own columns: its weekly series (detail, trends) or its
 * top listings (competition). Each is a JSON document PostgreSQL builds or detoasts and the API
 * parses (48 listings of a collected keyword; 52 weeks and more of history): a read leaves out
 * what it does not show.
 */
export type KeywordParts = 'weekly' | 'listings';

/** The keyword on its platform and marketplace with `part`, or NOT_FOUND. */
export async function loadKeyword(
  db: Db,
  target: KeywordTarget,
  part: KeywordParts,
): Promise<KeywordRow> {
  const keyword = normalizeKeyword(target.keyword);
  const extra =
    part === 'weekly'
      ? sql`null::jsonb as top_listings,
             (select json_agg(json_build_object('periodStart', o.period_start::text, 'value', o.search_volume) order by o.period_start)
                from keyword_observations o where o.keyword_id = k.id and o.search_volume is not null) as weekly`
      : sql`k.top_listings, null::json as weekly`;
  // Prepared, one statement per part: parsing and planning it cost more than running it (`queryPrepared`).
  const [row] = await queryPrepared<KeywordRow>(
    db,
    `load-keyword-${part}`,
    sql`
      select k.id::text as id, k.keyword, k.platform, k.marketplace, k.source, k.search_volume, k.volume_low, k.volume_high,
             k.competition, k.cpc::text as cpc, k.difficulty, k.opportunity, k.listing_count,
             k.price_min::text as price_min, k.price_median::text as price_median, k.price_max::text as price_max,
             k.favourites_median, k.reviews_median, k.sales_rank_median, k.top_seller_share, k.estimates,
             to_json(k.last_updated)#>>'{}' as last_updated, ${extra}
      from keyword_data k
      where k.platform = ${target.platform} and k.marketplace = ${target.marketplace} and k.keyword = ${keyword}`,
  );
  if (!row)
    throw new AppError(
      'NOT_FOUND',
      `No ${target.platform} ${target.marketplace} data for "${keyword}" yet: search it to start a collection`,
    );
  return row;
}
