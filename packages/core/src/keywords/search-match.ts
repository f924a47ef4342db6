import { type SQL, sql } from '@digitallz/db';
import { escapeLike } from './normalize-keyword';
import { prefixEnd } from './search-tiers';
import { type SearchTarget, searchWords, wordPairs } from './search-words';

/** What a sorted search reads: the keywords of the target's platform and marketplace. */
export function matchingScope(t: Pick<SearchTarget, 'platform' | 'marketplace'>): SQL {
  return sql`k.platform = ${t.platform} and k.marketplace = ${t.marketplace}`;
}

/** Keywords starting with the query or containing all its words (tiers 3000 to 1500), filtered. */
export function matchingWhere(t: SearchTarget): SQL {
  const words = searchWords(t.q);
  return sql`${matchingScope(t)} and ${t.filters}
    and (k.keyword like ${`${escapeLike(t.q)}%`} or string_to_array(k.keyword, ' ') @> ${sql.param(words)}::text[])`;
}

/**
 * The ids `matchingWhere` may hold, duplicates allowed, before filters, up to `limit` of each
 * kind (each part limited, so that the planner plans each for its limit): keywords starting with
 * the query, from the prefix index in its order (a broad prefix fills a probe without the words
 * being read), then those holding its words, through the pairs keys (migration 0018) for two
 * words or more, else the platform's words index (0012).
 */
export function matchingIds(t: SearchTarget, limit: number): SQL {
  const target = matchingScope(t);
  const words = searchWords(t.q);
  const pairs = wordPairs(words).map((pair) => `${t.platform} ${t.marketplace} ${pair}`);
  const holds =
    pairs.length > 0
      ? sql`keyword_pair_keys(k.platform, k.marketplace, k.keyword, k.search_volume) @> ${sql.param(pairs)}::text[]`
      : sql`${target} and string_to_array(k.keyword, ' ') @> ${sql.param(words)}::text[]`;
  // The range written out, as the search head's function does, so that the prefix index can
  // serve it in its order (with LIKE alone and a stale visibility map, the planner took the
  // trigram index and sorted every match: 270 ms for a common prefix at 1M keywords).
  const end = prefixEnd(t.q);
  const range = end === null ? sql`` : sql`and k.keyword ~>=~ ${t.q} and k.keyword ~<~ ${end}`;
  return sql`(select k.id from keyword_data k
      where ${target} ${range} and k.keyword like ${`${escapeLike(t.q)}%`}
      order by k.keyword using ~<~ limit ${limit})
    union all
    (select k.id from keyword_data k where ${holds} limit ${limit})`;
}

/** The relevance tier of a matching keyword, as the relevance order gives it. */
export function relevanceOf(q: string): SQL {
  return sql`(case when k.keyword = ${q} then 3000 when k.keyword like ${`${escapeLike(q)}%`} then 2000 else 1500 end)`;
}
