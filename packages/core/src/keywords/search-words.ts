import { type Db, queryRows, type SQL, sql } from '@digitallz/db';
import { STOPWORDS } from '../intelligence/related/tokens';
import type { SummaryRow } from './summary-row';
import { planWordsSearch, wordStatsOf } from './word-stats';

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

/**
 * How many of its rarest word's keywords a words search reads in volume order before it hands the
 * rest to the words indexes: enough to fill a page whenever the query's words often go together,
 * few enough that words which seldom do cost little before the indexes intersect their lists.
 */
export const WORDS_WALK_BUDGET = 4000;

export const SUMMARY_COLUMNS = sql`k.id::text as id, k.keyword, k.platform, k.marketplace, k.search_volume, k.volume_low,
  k.volume_high, k.competition, k.cpc, k.difficulty, k.opportunity, k.listing_count, k.source, k.last_updated`;
export const VOLUME = sql`(coalesce(k.search_volume, -1)::float8)`;

/** Rows after a position, in (volume desc, id asc) order. */
export const afterVolume = (after: SearchPosition | null) =>
  after
    ? sql`and (${VOLUME} < ${after.volume} or (${VOLUME} = ${after.volume} and k.id > ${after.id}))`
    : sql``;
/** keyword_words rows after a position, in the same order. */
const afterPosting = (after: SearchPosition | null) =>
  after
    ? sql`and (w.volume < ${after.volume} or (w.volume = ${after.volume} and w.keyword_id > ${after.id}))`
    : sql``;

/** What a words search matches: keywords holding all `words`, minus `except`, at `relevance`. */
export type WordsMatch = { words: string[]; relevance: SQL; except: SQL };

/** The driving word's keyword_words rows after a position, most searched first. */
const walk = (t: SearchTarget, driver: string, after: SearchPosition | null) => sql`
  select w.keyword_id, w.volume, w.signature from keyword_words w
  where w.platform = ${t.platform} and w.word = ${driver} ${afterPosting(after)}
  order by w.volume desc, w.keyword_id`;

/**
 * Keywords of the target holding all the match's words after a position, most searched first.
 * When the words should fill a page soon (planWordsSearch), the first `budget` keywords
 * of the rarest word are read in volume order, their other words checked first against the word
 * signature in the index (migration 0013), until the page is full. Otherwise, and for the rest when a walk did not fill the page,
 * the per-platform words indexes of migration 0012 intersect the words' lists and the matches
 * are sorted: cheap when few keywords hold all the words.
 */
export async function findByWords(
  db: Db,
  t: SearchTarget,
  m: WordsMatch,
  after: SearchPosition | null,
  limit: number,
  budget = WORDS_WALK_BUDGET,
): Promise<SummaryRow[]> {
  const words = sql`${sql.param(m.words)}::text[]`;
  const plan = planWordsSearch(await wordStatsOf(db), m.words, limit, budget);
  const intersect = (past: SQL, rows: number, withs = sql``) =>
    queryRows<SummaryRow>(
      db,
      sql`${withs} select ${SUMMARY_COLUMNS}, ${m.relevance} as relevance from keyword_data k
        where k.platform = ${t.platform} and k.marketplace = ${t.marketplace}
          and string_to_array(k.keyword, ' ') @> ${words} ${m.except} and ${t.filters} ${past}
        order by ${VOLUME} desc, k.id asc
        limit ${rows}`,
    );
  if (!plan.walk) return intersect(afterVolume(after), limit);
  const walked = await queryRows<SummaryRow>(
    db,
    sql`select ${SUMMARY_COLUMNS}, ${m.relevance} as relevance
      from (${walk(t, plan.driver, after)} limit ${budget}) w
      join keyword_data k on k.id = w.keyword_id
      where w.signature & keyword_words_signature(${words}) = keyword_words_signature(${words})
        and k.marketplace = ${t.marketplace} and string_to_array(k.keyword, ' ') @> ${words}
        ${m.except} and ${t.filters}
      order by w.volume desc, w.keyword_id
      limit ${limit}`,
  );
  if (walked.length >= limit) return walked;
  // Past the walk: the keywords after its last row (none when it read the whole list).
  const cut = sql`with cut as (select c.volume::float8 as volume, c.keyword_id as id
    from (${walk(t, plan.driver, after)} offset ${budget - 1} limit 1) c)`;
  const rest = await intersect(
    sql`and exists (select 1 from cut) and (${VOLUME}, -k.id) < (select cut.volume, -cut.id from cut)`,
    limit - walked.length,
    cut,
  );
  return [...walked, ...rest];
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
