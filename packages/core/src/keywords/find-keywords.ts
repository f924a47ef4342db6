import type {
  KeywordSearchQuery,
  KeywordSearchResponse,
  KeywordSummary,
} from '@digitallz/contracts';
import { type Db, queryRows, type SQL, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { dataVersion } from './data-version';
import { escapeLike, normalizeKeyword } from './normalize-keyword';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';

/** `cursorSecret` signs the page cursors (the API's AUTH_SECRET). */
export type FindKeywordsDeps = { db: Db; cache: Cache; cursorSecret?: string };

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
  const queryKey = `${query.platform}\n${query.marketplace}\n${q}`;
  const after = query.cursor ? decodeSearchCursor(query.cursor, queryKey, deps.cursorSecret) : null;
  const version = await dataVersion(deps.cache, query.platform);
  const cacheKey = `kw:search:v2:${query.platform}:${version}:${query.marketplace}:${q}:${query.limit}:${query.cursor ?? ''}`;
  return deps.cache.fetch(
    cacheKey,
    async () => {
      // Tier by tier, most relevant first: a later (costlier) tier runs only if the page is not full.
      const rows: SummaryRow[] = [];
      for (const tier of TIERS) {
        if (after && after.relevance < tier.min) continue;
        const from = after && after.relevance <= tier.max ? after : null;
        if (tier.onlyIfNothingElse && !from && (after || rows.length > 0)) break;
        const tierSql = tier.sql(
          { platform: query.platform, marketplace: query.marketplace, q },
          from,
          query.limit + 1 - rows.length,
        );
        if (tierSql) rows.push(...(await queryRows<SummaryRow>(deps.db, tierSql)));
        if (rows.length > query.limit) break;
      }
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > query.limit && last
          ? encodeSearchCursor(
              { relevance: last.relevance, volume: last.search_volume ?? -1, id: Number(last.id) },
              queryKey,
              deps.cursorSecret,
            )
          : null;
      return { data: page.map(toSummary), nextCursor };
    },
    SEARCH_CACHE_TTL_SECONDS,
  );
}

type Position = { relevance: number; volume: number; id: number };
type Target = { platform: string; marketplace: string; q: string };

const COLUMNS = sql`k.id::text as id, k.keyword, k.platform, k.marketplace, k.search_volume, k.volume_low,
  k.volume_high, k.competition, k.cpc, k.difficulty, k.opportunity, k.listing_count, k.source, k.last_updated`;
const VOLUME = sql`(coalesce(k.search_volume, -1)::float8)`;
/** Rows after a position within one tier, in (volume desc, id asc) order. */
const afterVolume = (after: Position | null) =>
  after
    ? sql`and (${VOLUME} < ${after.volume} or (${VOLUME} = ${after.volume} and k.id > ${after.id}))`
    : sql``;

/**
 * The tiers of a search and the relevance they give: the keyword itself (3000), keywords starting
 * with it (2000), keywords containing all its words elsewhere (1500; the words index of migration
 * 0008), each of those two most searched first (the sort index of migration 0007), and only when
 * none of those exist, keywords like it despite typos (trigram word similarity x 999).
 */
const TIERS: {
  min: number;
  max: number;
  onlyIfNothingElse?: boolean;
  sql: (t: Target, after: Position | null, limit: number) => SQL | null;
}[] = [
  {
    min: 3000,
    max: 3000,
    sql: (t, after, limit) => sql`
      select ${COLUMNS}, 3000 as relevance from keyword_data k
      where k.platform = ${t.platform} and k.marketplace = ${t.marketplace} and k.keyword = ${t.q}
        ${after ? sql`and false` : sql``}
      limit ${limit}`,
  },
  {
    min: 2000,
    max: 2000,
    sql: (t, after, limit) => sql`
      select ${COLUMNS}, 2000 as relevance from keyword_data k
      where k.platform = ${t.platform} and k.marketplace = ${t.marketplace}
        and k.keyword like ${`${escapeLike(t.q)}%`} and k.keyword <> ${t.q} ${afterVolume(after)}
      order by ${VOLUME} desc, k.id asc
      limit ${limit}`,
  },
  {
    min: 1500,
    max: 1500,
    sql: (t, after, limit) => {
      const words = [...new Set(t.q.split(' '))];
      return sql`
        select ${COLUMNS}, 1500 as relevance from keyword_data k
        where k.platform = ${t.platform} and k.marketplace = ${t.marketplace}
          and string_to_array(k.keyword, ' ') @> ${sql.param(words)}::text[]
          and k.keyword not like ${`${escapeLike(t.q)}%`} ${afterVolume(after)}
        order by ${VOLUME} desc, k.id asc
        limit ${limit}`;
    },
  },
  {
    min: 0,
    max: 999,
    // Typos: only when nothing else matched (a whole-index trigram count, slow on large tables).
    onlyIfNothingElse: true,
    sql: (t, after, limit) => sql`
      select * from (
        select ${COLUMNS}, ${VOLUME} as volume, round(word_similarity(${t.q}, k.keyword) * 999)::int as relevance
        from keyword_data k
        where k.platform = ${t.platform} and k.marketplace = ${t.marketplace} and ${t.q} <% k.keyword) m
      ${after ? sql`where (m.relevance, m.volume, -m.id::bigint) < (${after.relevance}, ${after.volume}, ${-after.id})` : sql``}
      order by m.relevance desc, m.volume desc, m.id::bigint asc
      limit ${limit}`,
  },
];

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
