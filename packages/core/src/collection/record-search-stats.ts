import { type Db, sql } from '@digitallz/db';
import type { SearchStats } from '../collectors/types';

/** Monday of the week of `date`, as an ISO date: observations are weekly. */
export function weekStart(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Listings kept per keyword for competition analysis: the first page a buyer sees. */
const TOP_LISTINGS = 48;

/**
 * Writes what a marketplace search showed: the keyword's listing count and price spread, and the
 * week's observation. Idempotent: a second run for the same week leaves the same rows.
 */
export async function recordSearchStats(
  db: Db,
  stats: SearchStats,
  observedAt: Date,
  source: string,
): Promise<void> {
  await recordSearchStatsMany(db, [stats], observedAt, source);
}

/** The same for many searches of one collection time, in two statements whatever their number. */
export async function recordSearchStatsMany(
  db: Db,
  searches: SearchStats[],
  observedAt: Date,
  source: string,
): Promise<void> {
  // One row per keyword (the last search wins), sorted so concurrent writers lock in one order.
  const byKey = new Map<string, ReturnType<typeof toRow>>();
  for (const stats of searches) {
    const row = toRow(stats);
    byKey.set(`${row.platform}\u0000${row.marketplace}\u0000${row.keyword}`, row);
  }
  const rows = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
  if (rows.length === 0) return;
  const at = observedAt.toISOString();
  await db.transaction(async (tx) => {
    const written = (await tx.execute(sql`
      insert into keyword_data (keyword, platform, marketplace, source, listing_count, price_min, price_median, price_max,
                                listings_shown, favourites_median, reviews_median, sales_rank_median, top_seller_share, top_listings, last_updated)
      select r.keyword, r.platform, r.marketplace, ${source}, r.listing_count, r.price_min, r.price_median, r.price_max,
             r.listings_shown, r.favourites_median, r.reviews_median, r.sales_rank_median, r.top_seller_share, r.top_listings,
             ${at}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
        keyword text, platform text, marketplace text, listing_count int, price_min numeric, price_median numeric,
        price_max numeric, listings_shown int, favourites_median real, reviews_median real, sales_rank_median real,
        top_seller_share real, top_listings jsonb)
      on conflict on constraint keyword_data_platform_marketplace_keyword_key do update set
        listing_count = excluded.listing_count, price_min = excluded.price_min, price_median = excluded.price_median,
        price_max = excluded.price_max, listings_shown = excluded.listings_shown,
        favourites_median = excluded.favourites_median, reviews_median = excluded.reviews_median,
        sales_rank_median = excluded.sales_rank_median, top_seller_share = excluded.top_seller_share,
        top_listings = excluded.top_listings,
        last_updated = greatest(keyword_data.last_updated, excluded.last_updated)
      returning id, listing_count, price_median`)) as unknown as {
      rows: { id: number; listing_count: number | null; price_median: string | null }[];
    };
    const observations = written.rows
      .map((r) => ({ id: Number(r.id), listing_count: r.listing_count, avg_price: r.price_median }))
      .sort((a, b) => a.id - b.id);
    await tx.execute(sql`
      insert into keyword_observations (keyword_id, period_start, listing_count, avg_price, source, observed_at)
      select r.id, ${weekStart(observedAt)}::date, r.listing_count, r.avg_price, ${source}, ${at}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(observations)}::jsonb) as r(id bigint, listing_count int, avg_price numeric)
      on conflict (keyword_id, period_start) do update set
        listing_count = excluded.listing_count, avg_price = excluded.avg_price, observed_at = excluded.observed_at`);
  });
}

function toRow(stats: SearchStats) {
  const { strength } = stats;
  return {
    keyword: stats.keyword.trim().toLowerCase(),
    platform: stats.platform,
    marketplace: stats.marketplace,
    listing_count: stats.resultCount,
    price_min: stats.price?.min ?? null,
    price_median: stats.price?.median ?? null,
    price_max: stats.price?.max ?? null,
    listings_shown: stats.listings.length,
    favourites_median: strength.favouritesMedian,
    reviews_median: strength.reviewsMedian,
    sales_rank_median: strength.salesRankMedian,
    top_seller_share: strength.topSellerShare,
    top_listings: stats.listings.slice(0, TOP_LISTINGS),
  };
}
