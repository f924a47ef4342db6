import type {
  KeywordSearchQuery,
  KeywordSearchResponse,
  KeywordSummary,
} from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { dataVersion } from './data-version';
import { escapeLike, normalizeKeyword } from './normalize-keyword';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';

export type FindKeywordsDeps = { db: Db; cache: Cache };

export type KeywordPage = Omit<KeywordSearchResponse, 'collection'>;

/** Search results are cached briefly: fresh enough for research, cheap under load. */
export const SEARCH_CACHE_TTL_SECONDS = 300;

/** A keyword_data row as the list endpoints read it. */
export type SummaryRow = {
  id: string;
  keyword: string;
  platform: KeywordSummary['platform'];
  marketplace: string;
  search_volume: number | null;
  volume_low: number | null;
  volume_high: number | null;
  competition: number | null;
  cpc: string | number | null;
  difficulty: number | null;
  opportunity: number | null;
  listing_count: number | null;
  source: KeywordSummary['source'];
  last_updated: Date | string;
  relevance: number;
};

/**
 * Keywords of one platform that match `q`, most relevant first: the exact keyword, then keywords
 * starting with the query, then those containing its words (trigram word similarity, so typos
 * still match); within each tier the most searched first.
 */
export async function findKeywords(
  deps: FindKeywordsDeps,
  query: KeywordSearchQuery,
): Promise<KeywordPage> {
  const q = normalizeKeyword(query.q);
  const queryKey = `${query.platform}\n${q}`;
  const after = query.cursor ? decodeSearchCursor(query.cursor, queryKey) : null;
  const version = await dataVersion(deps.cache, query.platform);
  const cacheKey = `kw:search:v1:${query.platform}:${version}:${q}:${query.limit}:${query.cursor ?? ''}`;
  return deps.cache.fetch(
    cacheKey,
    async () => {
      // The prefix tier first: when it fills the page, the costly similarity tier never runs.
      const inSimilarTier = after !== null && after.relevance < PREFIX_RELEVANCE;
      const rows = inSimilarTier
        ? []
        : await queryRows<SummaryRow>(
            deps.db,
            searchSql('prefix', query.platform, q, query.limit + 1, after),
          );
      if (rows.length <= query.limit)
        rows.push(
          ...(await queryRows<SummaryRow>(
            deps.db,
            searchSql(
              'similar',
              query.platform,
              q,
              query.limit + 1 - rows.length,
              inSimilarTier ? after : null,
            ),
          )),
        );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > query.limit && last
          ? encodeSearchCursor(
              { relevance: last.relevance, volume: last.search_volume ?? -1, id: Number(last.id) },
              queryKey,
            )
          : null;
      return { data: page.map(toSummary), nextCursor };
    },
    SEARCH_CACHE_TTL_SECONDS,
  );
}

/** Relevance of the prefix tier (the exact keyword scores 3000); similar keywords score below. */
const PREFIX_RELEVANCE = 2000;

function searchSql(
  tier: 'prefix' | 'similar',
  platform: string,
  q: string,
  limit: number,
  after: { relevance: number; volume: number; id: number } | null,
) {
  const prefix = `${escapeLike(q)}%`;
  const afterClause = after
    ? sql`where (relevance, volume, -id) < (${after.relevance}, ${after.volume}, ${-after.id})`
    : sql``;
  return sql`
    with matches as (
      select k.*, coalesce(k.search_volume, -1) as volume,
        (case when k.keyword = ${q} then 3000
              when k.keyword like ${prefix} then ${PREFIX_RELEVANCE}
              else round(word_similarity(${q}, k.keyword) * 1000) end)::int as relevance
      from keyword_data k
      where k.platform = ${platform}
        and ${tier === 'prefix' ? sql`k.keyword like ${prefix}` : sql`${q} <% k.keyword and k.keyword not like ${prefix}`}
    )
    select id::text as id, keyword, platform, marketplace, search_volume, volume_low, volume_high,
      competition, cpc, difficulty, opportunity, listing_count, source, last_updated, relevance
    from matches
    ${afterClause}
    order by relevance desc, volume desc, id asc
    limit ${limit}`;
}

export function toSummary(row: SummaryRow): KeywordSummary {
  return {
    id: row.id,
    keyword: row.keyword,
    platform: row.platform,
    marketplace: row.marketplace,
    searchVolume: row.search_volume,
    volumeLow: row.volume_low,
    volumeHigh: row.volume_high,
    competition: row.competition === null ? null : Number(row.competition),
    cpc: row.cpc === null ? null : Number(row.cpc),
    difficulty: row.difficulty,
    opportunity: row.opportunity,
    listingCount: row.listing_count,
    relevance: row.relevance,
    source: row.source,
    // Demo seed and sandbox collections are both simulated: both are labelled as demo data.
    isDemo: row.source === 'demo' || row.source === 'sandbox',
    lastUpdated: new Date(row.last_updated).toISOString(),
  };
}
