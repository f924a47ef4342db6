import {
  type CompareQuery,
  PLATFORMS,
  type Platform,
  type PlatformComparison,
} from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { dataVersion } from './data-version';
import { DETAIL_CACHE_TTL_SECONDS } from './get-keyword';
import { isDemoSource } from './load-keyword';
import { normalizeKeyword } from './normalize-keyword';

type Row = {
  platform: Platform;
  source: 'demo' | 'sandbox' | 'marketplace' | 'import';
  search_volume: number | null;
  competition: number | null;
  cpc: string | null;
  difficulty: number | null;
  opportunity: number | null;
  listing_count: number | null;
  price_median: string | null;
};

/** One keyword side by side on every platform, and where its opportunity is best. */
export async function comparePlatforms(
  deps: { db: Db; cache: Cache },
  query: CompareQuery,
): Promise<PlatformComparison> {
  const keyword = normalizeKeyword(query.keyword);
  const versions = await Promise.all(PLATFORMS.map((p) => dataVersion(deps.cache, p)));
  const keyOf = (v: number[]) => `kw:compare:v1:${v.join('.')}:${query.marketplace}:${keyword}`;
  // While the database is down: the answer from before one platform's version moved.
  const fallbackKeys = versions.flatMap((v, i) =>
    v > 0 ? [keyOf(versions.map((w, j) => (j === i ? w - 1 : w)))] : [],
  );
  return deps.cache.fetch(
    keyOf(versions),
    async () => {
      const rows = await queryRows<Row>(
        deps.db,
        sql`select platform, source, search_volume, competition, cpc::text as cpc, difficulty, opportunity,
                   listing_count, price_median::text as price_median
            from keyword_data
            where platform = any(${sql.param([...PLATFORMS])}::text[]) and marketplace = ${query.marketplace} and keyword = ${keyword}`,
      );
      const platforms = PLATFORMS.map((platform) => {
        const row = rows.find((r) => r.platform === platform);
        return {
          platform,
          known: Boolean(row),
          searchVolume: row?.search_volume ?? null,
          competition: row?.competition ?? null,
          cpc: row?.cpc == null ? null : Number(row.cpc),
          difficulty: row?.difficulty ?? null,
          opportunity: row?.opportunity ?? null,
          listingCount: row?.listing_count ?? null,
          priceMedian: row?.price_median == null ? null : Number(row.price_median),
          isDemo: row ? isDemoSource(row.source) : false,
        };
      });
      const ranked = platforms
        .filter((p) => p.opportunity !== null)
        .sort((a, b) => (b.opportunity ?? 0) - (a.opportunity ?? 0));
      return {
        keyword,
        marketplace: query.marketplace,
        platforms,
        best: ranked[0]?.platform ?? null,
      };
    },
    DETAIL_CACHE_TTL_SECONDS,
    { fallbackKeys },
  );
}
