import { type SQL, sql } from '@digitallz/db';
import { STOPWORDS } from '../intelligence/related/tokens';
import { escapeLike } from './normalize-keyword';

export type SearchTarget = { platform: string; marketplace: string; q: string; filters: SQL };
type Position = { relevance: number; volume: number; id: number };

export type SearchTier = {
  min: number;
  max: number;
  onlyIfNothingElse?: boolean;
  sql: (t: SearchTarget, after: Position | null, limit: number) => SQL | null;
};

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
 * How many of its rarest word's keywords the words tier reads in volume order before it hands the
 * rest to the words index: enough to fill a page whenever the query's words often go together, few
 * enough that words which seldom do cost little before the index intersects their lists.
 */
export const WORDS_WALK_BUDGET = 4000;

const COLUMNS = sql`k.id::text as id, k.keyword, k.platform, k.marketplace, k.search_volume, k.volume_low,
  k.volume_high, k.competition, k.cpc, k.difficulty, k.opportunity, k.listing_count, k.source, k.last_updated`;
const VOLUME = sql`(coalesce(k.search_volume, -1)::float8)`;
/** Rows after a position within one tier, in (volume desc, id asc) order. */
const afterVolume = (after: Position | null) =>
  after
    ? sql`and (${VOLUME} < ${after.volume} or (${VOLUME} = ${after.volume} and k.id > ${after.id}))`
    : sql``;
/** keyword_words rows after a position, in the same order. */
const afterPosting = (after: Position | null) =>
  after
    ? sql`and (w.volume < ${after.volume} or (w.volume = ${after.volume} and w.keyword_id > ${after.id}))`
    : sql``;

/**
 * The query word with the fewest keywords: the column statistics of keyword_words give the share
 * of its most common words (migration 0013); a word not among them is rarer than all of those,
 * and between such words the longer is taken.
 */
function rarestWord(words: string[]): SQL {
  if (words.length === 1) return sql`${words[0]}::text`;
  return sql`(select q.w from unnest(${sql.param(words)}::text[]) q(w)
    left join (select m.v, m.f from pg_stats s,
        unnest(s.most_common_vals::text::text[], s.most_common_freqs) m(v, f)
      where s.schemaname = current_schema() and s.tablename = 'keyword_words' and s.attname = 'word') c
      on c.v = q.w
    order by coalesce(c.f, 0), length(q.w) desc, q.w limit 1)`;
}

/** The next WORDS_WALK_BUDGET keyword_words rows of the rarest word after a position. */
const walk = (t: SearchTarget, words: string[], after: Position | null) => sql`
  select w.keyword_id, w.volume, w.marketplace, w.words from keyword_words w
  where w.platform = ${t.platform} and w.word = ${rarestWord(words)} ${afterPosting(after)}
  order by w.volume desc, w.keyword_id`;

/**
 * The tiers of a search and the relevance they give: the keyword itself (3000), keywords starting
 * with it (2000), keywords containing all its topic words elsewhere (1500), each of those two most
 * searched first, and only when none of those exist, keywords like it despite typos (trigram word
 * similarity x 999). The words tier reads its rarest word's keywords in volume order (migration
 * 0013) and stops at a full page; past the walk's budget, the per-platform words indexes of
 * migration 0012 intersect the words' lists, cheap when the words seldom go together.
 */
export const SEARCH_TIERS: SearchTier[] = [
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
        select ${COLUMNS}, 1500 as relevance
        from (${walk(t, words, after)} limit ${WORDS_WALK_BUDGET}) w
        join keyword_data k on k.id = w.keyword_id
        where w.marketplace = ${t.marketplace} and w.words @> ${sql.param(words)}::text[]
          and k.keyword not like ${`${escapeLike(t.q)}%`} and ${t.filters}
        order by w.volume desc, w.keyword_id
        limit ${limit}`;
    },
  },
  {
    min: 1500,
    max: 1500,
    // Past the walk: the rows after its last one, through the words indexes (none if it read all).
    sql: (t, after, limit) => {
      const words = searchWords(t.q);
      return sql`
        select ${COLUMNS}, 1500 as relevance from keyword_data k
        where k.platform = ${t.platform} and k.marketplace = ${t.marketplace}
          and string_to_array(k.keyword, ' ') @> ${sql.param(words)}::text[]
          and k.keyword not like ${`${escapeLike(t.q)}%`} and ${t.filters}
          and (${VOLUME}, -k.id) < (select w.volume::float8, -w.keyword_id
            from (${walk(t, words, after)} offset ${WORDS_WALK_BUDGET - 1} limit 1) w)
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
