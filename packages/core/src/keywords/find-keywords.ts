import type {
  KeywordSearchQuery,
  KeywordSearchResponse,
  KeywordSummary,
} from '@digitallz/contracts';
import { type Db, queryRows, type SQL, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { STOPWORDS } from '../intelligence/related/tokens';
import { fetchVersioned } from './data-version';
import { keywordFiltersSql } from './keyword-filters';
import { escapeLike, normalizeKeyword } from './normalize-keyword';
import { decodePageCursor, encodePageCursor } from './page-cursor';
import { pageKeywords } from './page-keywords';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import { type SummaryRow, toSummary } from './summary-row';

/** `cursorSecret` signs the page cursors (the API's AUTH_SECRET). */
export type FindKeywordsDeps = { db: Db; cache: Cache; cursorSecret?: string };

export type KeywordPage = Omit<KeywordSearchResponse, 'collection'>;

/** Search results are cached briefly: fresh enough for research, cheap under load. */
export const SEARCH_CACHE_TTL_SECONDS = 300;

/**
 * Keywords of one platform that match `q`, most relevant first: the exact keyword, then keywords
 * starting with the query, then those containing its words (trigram word similarity, so typos
 * still match); within each tier the most searched first. With another `sort`, the keywords
 * starting with the query or containing its words, in that order. Filters apply to both.
 */
export async function findKeywords(
  deps: FindKeywordsDeps,
  query: Omit<KeywordSearchQuery, 'sort'> & { sort?: KeywordSearchQuery['sort'] },
): Promise<KeywordPage> {
  const q = normalizeKeyword(query.q);
  const { cursor, limit, q: _q, platform, marketplace, sort = 'relevance', ...filters } = query;
  const queryKey = `${platform}\n${marketplace}\n${q}\n${sort}\n${JSON.stringify(filters)}`;
  const cacheKey = (version: number) =>
    `kw:search:v3:${platform}:${version}:${marketplace}:${limit}:${cursor ?? ''}:${queryKey}`;
  const target = { platform, marketplace, q, filters: keywordFiltersSql(filters) };
  if (sort !== 'relevance') {
    const after = cursor ? decodePageCursor(cursor, queryKey, deps.cursorSecret) : null;
    return fetchVersioned(
      deps.cache,
      platform,
      cacheKey,
      async () => {
        const page = await pageKeywords(deps.db, {
          where: matchingWhere(target),
          relevance: relevanceOf(q),
          sort,
          limit,
          after,
        });
        return {
          data: page.rows.map(toSummary),
          nextCursor: page.next ? encodePageCursor(page.next, queryKey, deps.cursorSecret) : null,
        };
      },
      SEARCH_CACHE_TTL_SECONDS,
    );
  }
  const after = cursor ? decodeSearchCursor(cursor, queryKey, deps.cursorSecret) : null;
  return fetchVersioned(
    deps.cache,
    platform,
    cacheKey,
    async () => {
      // Tier by tier, most relevant first: a later (costlier) tier runs only if the page is not full.
      const rows: SummaryRow[] = [];
      for (const tier of TIERS) {
        if (after && after.relevance < tier.min) continue;
        const from = after && after.relevance <= tier.max ? after : null;
        if (tier.onlyIfNothingElse && !from && (after || rows.length > 0)) break;
        const tierSql = tier.sql(target, from, limit + 1 - rows.length);
        if (tierSql) rows.push(...(await queryRows<SummaryRow>(deps.db, tierSql)));
        if (rows.length > query.limit) break;
      }
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > limit && last
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
type Target = { platform: string; marketplace: string; q: string; filters: SQL };

/**
 * The words a keyword must all contain (tier 1500): the query's words without the ones that carry
 * no topic ("for", "the"), unless that leaves none. A stop word's posting list holds a large share
 * of all keywords, and intersecting it is most of the cost of the tier.
 */
function searchWords(q: string): string[] {
  const words = [...new Set(q.split(' '))];
  const topical = words.filter((w) => !STOPWORDS.has(w));
  return topical.length > 0 ? topical : words;
}

/** Keywords starting with the query or containing all its words (tiers 3000 to 1500), filtered. */
function matchingWhere(t: Target): SQL {
  const words = searchWords(t.q);
  return sql`k.platform = ${t.platform} and k.marketplace = ${t.marketplace} and ${t.filters}
    and (k.keyword like ${`${escapeLike(t.q)}%`} or string_to_array(k.keyword, ' ') @> ${sql.param(words)}::text[])`;
}

/** The relevance tier of a matching keyword, as the relevance order gives it. */
function relevanceOf(q: string): SQL {
  return sql`(case when k.keyword = ${q} then 3000 when k.keyword like ${`${escapeLike(q)}%`} then 2000 else 1500 end)`;
}

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
 * with it (2000), keywords containing all its topic words elsewhere (1500; the per-platform words
 * indexes of migration 0012), each of those two most searched first (the sort index of migration 0007), and only when
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
        and ${t.filters} ${after ? sql`and false` : sql``}
      limit ${limit}`,
  },
  {
    min: 2000,
    max: 2000,
    sql: (t, after, limit) => sql`
      select ${COLUMNS}, 2000 as relevance from keyword_data k
      where k.platform = ${t.platform} and k.marketplace = ${t.marketplace}
        and k.keyword like ${`${escapeLike(t.q)}%`} and k.keyword <> ${t.q} and ${t.filters}
        ${afterVolume(after)}
      order by ${VOLUME} desc, k.id asc
      limit ${limit}`,
  },
  {
    min: 1500,
    max: 1500,
    sql: (t, after, limit) => {
      const words = searchWords(t.q);
      return sql`
        select ${COLUMNS}, 1500 as relevance from keyword_data k
        where k.platform = ${t.platform} and k.marketplace = ${t.marketplace}
          and string_to_array(k.keyword, ' ') @> ${sql.param(words)}::text[]
          and k.keyword not like ${`${escapeLike(t.q)}%`} and ${t.filters} ${afterVolume(after)}
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
        where k.platform = ${t.platform} and k.marketplace = ${t.marketplace} and ${t.q} <% k.keyword
          and ${t.filters}) m
      ${after ? sql`where (m.relevance, m.volume, -m.id::bigint) < (${after.relevance}, ${after.volume}, ${-after.id})` : sql``}
      order by m.relevance desc, m.volume desc, m.id::bigint asc
      limit ${limit}`,
  },
];

/**
 * Every match of a search (up to `maxRows`), in the same order and with the same filters, a
 * page of 100 at a time: a search export streams this without holding it all.
 */
export async function* exportSearchKeywords(
  deps: FindKeywordsDeps,
  query: Omit<KeywordSearchQuery, 'limit' | 'cursor'>,
  maxRows: number,
): AsyncGenerator<KeywordSummary> {
  let cursor: string | undefined;
  let yielded = 0;
  do {
    const limit = Math.min(100, maxRows - yielded);
    if (limit <= 0) return;
    const page = await findKeywords(deps, { ...query, limit, cursor });
    for (const row of page.data) yield row;
    yielded += page.data.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
