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
  const keyword = stats.keyword.trim().toLowerCase();
  const { strength } = stats;
  await db.transaction(async (tx) => {
    const rows = (await tx.execute(sql`
      insert into keyword_data (keyword, platform, marketplace, source, listing_count, price_min, price_median, price_max,
                                listings_shown, favourites_median, reviews_median, sales_rank_median, top_seller_share, top_listings, last_updated)
      values (${keyword}, ${stats.platform}, ${stats.marketplace}, ${source}, ${stats.resultCount},
              ${stats.price?.min ?? null}, ${stats.price?.median ?? null}, ${stats.price?.max ?? null},
              ${stats.listings.length}, ${strength.favouritesMedian}, ${strength.reviewsMedian}, ${strength.salesRankMedian},
              ${strength.topSellerShare}, ${JSON.stringify(stats.listings.slice(0, TOP_LISTINGS))}::jsonb, ${observedAt.toISOString()}::timestamptz)
      on conflict on constraint keyword_data_platform_marketplace_keyword_key do update set
        listing_count = excluded.listing_count, price_min = excluded.price_min, price_median = excluded.price_median,
        price_max = excluded.price_max, listings_shown = excluded.listings_shown,
        favourites_median = excluded.favourites_median, reviews_median = excluded.reviews_median,
        sales_rank_median = excluded.sales_rank_median, top_seller_share = excluded.top_seller_share,
        top_listings = excluded.top_listings,
        last_updated = greatest(keyword_data.last_updated, excluded.last_updated)
      returning id::text as id`)) as unknown as { rows: { id: string }[] };
    const id = rows.rows[0]?.id;
    await tx.execute(sql`
      insert into keyword_observations (keyword_id, period_start, listing_count, avg_price, source, observed_at)
      values (${id}::bigint, ${weekStart(observedAt)}::date, ${stats.resultCount}, ${stats.price?.median ?? null}, ${source}, ${observedAt.toISOString()}::timestamptz)
      on conflict (keyword_id, period_start) do update set
        listing_count = excluded.listing_count, avg_price = excluded.avg_price, observed_at = excluded.observed_at`);
  });
}
