import { type Db, queryRows, type SQL, sql } from '@digitallz/db';
import { STOPWORDS } from '../intelligence/related/tokens';
import type { SummaryRow } from './summary-row';

export type SearchTarget = { platform: string; marketplace: string; q: string; filters: SQL };
export type SearchPosition = { relevance: number; volume: number; id: number };

/**
 * The words a keyword must all contain (tier 1500): the query's words without the ones that carry
 * no topic ("for", "the"), unless that leaves none. A stop word's posting list holds a large share
 * of all keywords, and intersecting it is most of the cost of the tier.
 */
export function searchWords(q: string): string[] {
  const words = [...new Set(q.split(' '))];
  const topical = words.filter((w) => !STOPWORDS.has(w));
  return topical.length > 0 ? topical : words;
}

export const SUMMARY_COLUMNS = sql`k.id::text as id, k.keyword, k.platform, k.marketplace, k.search_volume, k.volume_low,
  k.volume_high, k.competition, k.cpc, k.difficulty, k.opportunity, k.listing_count, k.source, k.last_updated`;
export const VOLUME = sql`(coalesce(k.search_volume, -1)::float8)`;

/** Rows after a position, in (volume desc, id asc) order. */
export const afterVolume = (after: SearchPosition | null) =>
  after
    ? sql`and (${VOLUME} < ${after.volume} or (${VOLUME} = ${after.volume} and k.id > ${after.id}))`
    : sql``;
/** What a words search matches: keywords holding all `words`, minus `except`, at `relevance`. */
export type WordsMatch = { words: string[]; relevance: SQL; except: SQL };

/**
 * Keywords of the target holding all the match's words after a position, most searched first:
 * the per-platform words indexes of migration 0012 intersect the words' lists, and the matches
 * are sorted.
 */
export function findByWords(
  db: Db,
  t: SearchTarget,
  m: WordsMatch,
  after: SearchPosition | null,
  limit: number,
): Promise<SummaryRow[]> {
  return queryRows<SummaryRow>(
    db,
    sql`select ${SUMMARY_COLUMNS}, ${m.relevance} as relevance from keyword_data k
      where k.platform = ${t.platform} and k.marketplace = ${t.marketplace}
        and string_to_array(k.keyword, ' ') @> ${sql.param(m.words)}::text[] ${m.except}
        and ${t.filters} ${afterVolume(after)}
      order by ${VOLUME} desc, k.id asc
      limit ${limit}`,
  );
}

/**
 * The query's words with each unknown word replaced by the platform's most similar known word
 * (trigram similarity, pg_trgm's threshold; keyword_vocabulary of migration 0013), or null when
 * no word was unknown or none could be corrected.
 */
export async function correctWords(
  db: Db,
  platform: string,
  words: string[],
): Promise<string[] | null> {
  const rows = await queryRows<{ word: string; known: string | null; similar: string | null }>(
    db,
    sql`select q.w as word, v.word as known,
        case when v.word is null then (select s.word from keyword_vocabulary s
          where s.platform = ${platform} and s.word % q.w
          order by similarity(s.word, q.w) desc, s.word limit 1) end as similar
      from unnest(${sql.param(words)}::text[]) with ordinality q(w, i)
      left join keyword_vocabulary v on v.platform = ${platform} and v.word = q.w
      order by q.i`,
  );
  if (rows.every((r) => r.known !== null)) return null;
  const corrected = [...new Set(rows.map((r) => r.known ?? r.similar).filter((w) => w !== null))];
  return corrected.length > 0 ? corrected : null;
}
