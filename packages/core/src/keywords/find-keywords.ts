import type {
  KeywordSearchQuery,
  KeywordSearchResponse,
  KeywordSummary,
} from '@digitallz/contracts';
import type { Db } from '@digitallz/db';
import type { Cache } from '../cache';
import { fetchVersioned } from './data-version';
import { keywordFiltersSql, NO_FILTERS } from './keyword-filters';
import { normalizeKeyword } from './normalize-keyword';
import { decodePageCursor, encodePageCursor } from './page-cursor';
import { pageKeywords } from './page-keywords';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import { matchingScope, matchingTerms, matchingWhere, relevanceOf } from './search-match';
import { HEAD_MIN, SEARCH_TIERS, searchHead } from './search-tiers';
import { searchWords } from './search-words';
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
    `kw:search:v4:${platform}:${version}:${marketplace}:${limit}:${cursor ?? ''}:${queryKey}`;
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
          sparse: {
            scope: matchingScope(target),
            terms: target.filters === NO_FILTERS ? undefined : matchingTerms(target),
            phrase: searchWords(q).length > 1,
          },
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
      // The first page's first two tiers in one call where they can be (`searchHead`).
      const head = after ? null : searchHead(deps.db, target, limit + 1);
      const rows: SummaryRow[] = head ? await head : [];
      for (const tier of SEARCH_TIERS) {
        if (rows.length > limit) break;
        if (head && tier.min >= HEAD_MIN) continue;
        if (after && after.relevance < tier.min) continue;
        const from = after && after.relevance <= tier.max ? after : null;
        if (tier.onlyIfNothingElse && !from && (after || rows.length > 0)) break;
        rows.push(...(await tier.rows(deps.db, target, from, limit + 1 - rows.length)));
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
