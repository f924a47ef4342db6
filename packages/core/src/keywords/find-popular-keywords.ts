import type { KeywordPage, KeywordSummary, PopularQuery } from '@digitallz/contracts';
import { type Db, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { fetchVersioned } from './data-version';
import { SEARCH_CACHE_TTL_SECONDS } from './find-keywords';
import { keywordFiltersSql } from './keyword-filters';
import { decodePageCursor, encodePageCursor } from './page-cursor';
import { allKeywords, pageKeywords } from './page-keywords';
import { toSummary } from './summary-row';

/** The conditions of a popular-keywords query, shared with its export. */
export function popularWhere(query: Omit<PopularQuery, 'limit' | 'cursor' | 'sort'>) {
  return sql`k.platform = ${query.platform} and k.marketplace = ${query.marketplace} and ${keywordFiltersSql(query)}`;
}

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
  return fetchVersioned(
    deps.cache,
    query.platform,
    (version) => `kw:popular:v2:${query.platform}:${version}:${limit}:${cursor ?? ''}:${queryKey}`,
    async () => {
      const page = await pageKeywords(deps.db, {
        where: popularWhere(query),
        sort: query.sort,
        limit,
        after,
      });
      return {
        data: page.rows.map(toSummary),
        nextCursor: page.next ? encodePageCursor(page.next, queryKey) : null,
      };
    },
    SEARCH_CACHE_TTL_SECONDS,
  );
}

/** Every keyword of a popular-keywords query (up to `maxRows`) for an export, streamed. */
export async function* exportPopularKeywords(
  db: Db,
  query: Omit<PopularQuery, 'limit' | 'cursor'>,
  maxRows: number,
): AsyncGenerator<KeywordSummary> {
  for await (const row of allKeywords(db, {
    where: popularWhere(query),
    sort: query.sort,
    max: maxRows,
  }))
    yield toSummary(row);
}
