import type { Suggestions, SuggestQuery } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { fetchVersioned } from './data-version';
import { escapeLike, normalizeKeyword } from './normalize-keyword';

/** Suggestions change little and are asked on every keystroke: cache them longer. */
const SUGGEST_CACHE_TTL_SECONDS = 900;

/** Autocomplete as a seller types: known keywords starting with what was typed, most searched first. */
export async function findSuggestions(
  deps: { db: Db; cache: Cache },
  query: SuggestQuery,
): Promise<Suggestions> {
  const q = normalizeKeyword(query.q);
  return fetchVersioned(
    deps.cache,
    query.platform,
    (version) =>
      `kw:suggest:v1:${query.platform}:${version}:${query.marketplace}:${query.limit}:${q}`,
    async () => {
      const rows = await queryRows<{ keyword: string; search_volume: number | null }>(
        deps.db,
        sql`select keyword, search_volume from keyword_data
            where platform = ${query.platform} and keyword like ${`${escapeLike(q)}%`} and marketplace = ${query.marketplace}
            order by search_volume desc nulls last, keyword
            limit ${query.limit}`,
      );
      return { data: rows.map((r) => ({ keyword: r.keyword, searchVolume: r.search_volume })) };
    },
    SUGGEST_CACHE_TTL_SECONDS,
  );
}
