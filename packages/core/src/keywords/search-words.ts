import { type Db, queryRows, type SQL, sql } from '@digitallz/db';
import { STOPWORDS } from '../intelligence/related/tokens';
import { NO_FILTERS } from './keyword-filters';
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

/** Up to this many keywords holding a query's rarest pair are filtered and sorted rather than walked. */
export const PAIRS_PROBE = 10_000;
/** A pair's keywords are counted up to this many to find a query's rarest pair. */
export const PAIR_COUNT_BOUND = 5_000;

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * Every pair of a keyword (`keyword_pairs`, migration 0015): each two of its distinct words in byte
 * order, joined by a space, as keyword_pair_postings holds them (migration 0018).
 */
export function keywordPairs(keyword: string): string[] {
  const words = [...new Set(keyword.split(' '))].sort(byteOrder);
  return words.flatMap((a, i) => words.slice(i + 1).map((b) => `${a} ${b}`));
}

/**
 * Pairs (`keywordPairs`) that a keyword holds exactly when it holds all `words` (two or more): as
 * few pairs as cover every word. None for fewer than two words.
 */
export function wordPairs(words: string[]): string[] {
  const sorted = [...new Set(words)].sort(byteOrder);
  const pairs: string[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) pairs.push(`${sorted[i]} ${sorted[i + 1]}`);
  if (sorted.length > 2 && sorted.length % 2 === 1) pairs.push(`${sorted[0]} ${sorted.at(-1)}`);
  return pairs;
}

/**
 * Keywords of the target holding all the match's words after a position, most searched first.
 * With two words or more, the posting list of the query's rarest pair (keyword_pair_postings,
 * migration 0018: each pair's keywords in volume order, with the keyword) holds them all, and is
 * read from its index alone. Without filters: read in volume order, keeping the keywords that hold
 * every word, until the page is full. With filters (on columns the list does not hold): up to
 * `PAIRS_PROBE` keywords of the list, filtered and sorted here; more, the sort index walked (the
 * words indexes of migration 0012 for one word).
 */
export function findByWords(
  db: Db,
  t: SearchTarget,
  m: WordsMatch,
  after: SearchPosition | null,
  limit: number,
): Promise<SummaryRow[]> {
  const target = sql`k.platform = ${t.platform} and k.marketplace = ${t.marketplace}`;
  const holds = sql`string_to_array(k.keyword, ' ') @> ${sql.param(m.words)}::text[]`;
  const columns = sql`${SUMMARY_COLUMNS}, ${m.relevance} as relevance`;
  const pairs = wordPairs(m.words);
  if (pairs.length === 0)
    return queryRows<SummaryRow>(
      db,
      sql`select ${columns} from keyword_data k
        where ${target} and ${holds} ${m.except} and ${t.filters} ${afterVolume(after)}
        order by ${VOLUME} desc, k.id asc limit ${limit}`,
    );
  // The postings alias `k`: their id, keyword and search_volume are the keyword's.
  const postings = sql`keyword_pair_postings k where ${target} and k.pair = ${rarestPair(t, pairs)}`;
  if (t.filters === NO_FILTERS)
    return queryRows<SummaryRow>(
      db,
      sql`select ${columns} from keyword_data k
        where k.id in (select k.id from ${postings} and ${holds} ${m.except} ${afterVolume(after)}
          order by ${VOLUME} desc, k.id asc limit ${limit})
        order by ${VOLUME} desc, k.id asc limit ${limit}`,
    );
  return fewOrWalk(db, {
    probe: sql`select k.id, k.keyword, k.search_volume from ${postings}`,
    bound: PAIRS_PROBE,
    few: sql`${holds} ${m.except}`,
    walk: sql`${target} and ${holds} ${m.except}`,
    columns,
    filters: t.filters,
    after,
    limit,
  });
}

/**
 * Of a query's pairs, the one with the fewest keywords of the target (counted up to
 * `PAIR_COUNT_BOUND`, from the postings index alone): its list is the shortest to read.
 */
function rarestPair(t: SearchTarget, pairs: string[]): SQL {
  if (pairs.length === 1) return sql`${pairs[0]}`;
  return sql`(select p.pair from unnest(${sql.param(pairs)}::text[]) p(pair)
    order by (select count(*) from (select 1 from keyword_pair_postings c
      where c.platform = ${t.platform} and c.marketplace = ${t.marketplace} and c.pair = p.pair
      limit ${PAIR_COUNT_BOUND}) c), p.pair limit 1)`;
}

/**
 * A page of keywords in (volume desc, id asc) order, from a bounded probe or a walk: `probe`
 * (selecting at least `id` and `search_volume`, as `k`) is read up to `bound` + 1 rows; with
 * `bound` or fewer, those matching `few` are sorted here and only the page's rows fetched (under
 * `filters`, all of them, to filter); with more, the rows of `walk` are read in volume order (the
 * sort index of migration 0017) until the page is full. The bound counts before any filter: a
 * filter that keeps few of many is the walk's case. The walk selects ids alone, so that without
 * filters on other columns it reads the index only (the keyword is in it) and fetches the page's
 * rows, not one heap page per keyword looked at.
 */
export function fewOrWalk(
  db: Db,
  o: {
    probe: SQL;
    bound: number;
    few: SQL;
    walk: SQL;
    columns: SQL;
    filters: SQL;
    after: SearchPosition | null;
    limit: number;
  },
): Promise<SummaryRow[]> {
  const { bound, columns, filters, after, limit } = o;
  const page =
    filters === NO_FILTERS ? sql`order by ${VOLUME} desc, k.id asc limit ${limit}` : sql``;
  return queryRows<SummaryRow>(
    db,
    sql`with few as materialized (${o.probe} limit ${bound + 1})
      select * from (
        (select ${columns}, ${VOLUME} as volume, k.id as key from keyword_data k
          where k.id in (select k.id from few k where (select count(*) from few) <= ${bound}
              and ${o.few} ${afterVolume(after)} ${page})
            and ${filters})
        union all
        (select ${columns}, ${VOLUME} as volume, k.id as key from keyword_data k
          where k.id in (select k.id from keyword_data k
            where (select count(*) from few) > ${bound} and ${o.walk} and ${filters} ${afterVolume(after)}
            order by ${VOLUME} desc, k.id asc limit ${limit}))) m
      order by m.volume desc, m.key asc
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
