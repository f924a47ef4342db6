import type { KeywordPage, PopularQuery } from '@digitallz/contracts';
import { type Db, queryRows, type SQL, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { dataVersion } from './data-version';
import { SEARCH_CACHE_TTL_SECONDS, type SummaryRow, toSummary } from './find-keywords';
import { keywordFiltersSql } from './keyword-filters';
import { decodePageCursor, encodePageCursor } from './page-cursor';

/** Each sort as one number ordered descending (the easiest keywords first for difficulty). */
const SORT_VALUE: Record<PopularQuery['sort'], SQL> = {
  volume: sql`coalesce(k.search_volume, -1)::float8`,
  opportunity: sql`coalesce(k.opportunity, -1)::float8`,
  difficulty: sql`-coalesce(k.difficulty, 101)::float8`,
  trending: sql`coalesce((k.trend_data->'trendingNow'->>'recentGrowthPct')::float8, -1e9)`,
};

/**
 * The keywords of a platform and marketplace by volume, opportunity, ease or recent growth
 * ("trending" keeps only keywords growing beyond their seasonality), filtered, a page at a time.
 */
export async function findPopularKeywords(
  deps: { db: Db; cache: Cache },
  query: PopularQuery,
): Promise<KeywordPage> {
  const { cursor, limit, ...rest } = query;
  const queryKey = JSON.stringify(rest);
  const after = cursor ? decodePageCursor(cursor, queryKey) : null;
  const version = await dataVersion(deps.cache, query.platform);
  return deps.cache.fetch(
    `kw:popular:v1:${query.platform}:${version}:${limit}:${cursor ?? ''}:${queryKey}`,
    async () => {
      const trendingOnly =
        query.sort === 'trending'
          ? sql`and k.trend_data->'trendingNow'->>'trending' = 'true'`
          : sql``;
      const rows = await queryRows<SummaryRow & { sort_value: number }>(
        deps.db,
        sql`
          select * from (
            select k.id::text as id, k.keyword, k.platform, k.marketplace, k.search_volume, k.volume_low, k.volume_high,
                   k.competition, k.cpc, k.difficulty, k.opportunity, k.listing_count, k.source, k.last_updated,
                   0 as relevance, ${SORT_VALUE[query.sort]} as sort_value
            from keyword_data k
            where k.platform = ${query.platform} and k.marketplace = ${query.marketplace}
              and ${keywordFiltersSql(query)} ${trendingOnly}) t
          ${after ? sql`where (t.sort_value, -t.id::bigint) < (${after.value}::float8, ${-after.id}::bigint)` : sql``}
          order by t.sort_value desc, t.id::bigint asc
          limit ${limit + 1}`,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        data: page.map(toSummary),
        nextCursor:
          rows.length > limit && last
            ? encodePageCursor({ value: Number(last.sort_value), id: Number(last.id) }, queryKey)
            : null,
      };
    },
    SEARCH_CACHE_TTL_SECONDS,
  );
}
