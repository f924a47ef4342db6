import { type SQL, sql } from '@digitallz/db';
import { escapeLike } from './normalize-keyword';
import { type SearchTarget, searchWords } from './search-words';

/** What a sorted search reads: the keywords of the target's platform and marketplace. */
export function matchingScope(t: Pick<SearchTarget, 'platform' | 'marketplace'>): SQL {
  return sql`k.platform = ${t.platform} and k.marketplace = ${t.marketplace}`;
}

/** Keywords starting with the query or containing all its words (tiers 3000 to 1500), filtered. */
export function matchingWhere(t: SearchTarget): SQL {
  return sql`${matchingScope(t)} and ${t.filters} and ${matchingTerms(t)}`;
}

/** Keywords starting with the query or containing all its words, whatever the filters. */
export function matchingTerms(t: SearchTarget): SQL {
  const words = searchWords(t.q);
  return sql`(k.keyword like ${`${escapeLike(t.q)}%`} or string_to_array(k.keyword, ' ') @> ${sql.param(words)}::text[])`;
}

/** The relevance tier of a matching keyword, as the relevance order gives it. */
export function relevanceOf(q: string): SQL {
  return sql`(case when k.keyword = ${q} then 3000 when k.keyword like ${`${escapeLike(q)}%`} then 2000 else 1500 end)`;
}
