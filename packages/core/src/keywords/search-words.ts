import { type Db, queryPrepared, queryRows, type SQL, sql } from '@digitallz/db';
import { STOPWORDS } from '../intelligence/related/tokens';
import { NO_FILTERS } from './keyword-filters';
import { SUMMARY_COLUMNS, type SummaryRow } from './summary-row';

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

export const VOLUME = sql`(coalesce(k.search_volume, -1)::float8)`;

/** Rows after a position, in (volume desc, id asc) order. */
export const afterVolume = (after: SearchPosition | null) =>
  after
    ? sql`and (${VOLUME} < ${after.volume} or (${VOLUME} = ${after.volume} and k.id > ${after.id}))`
    : sql``;
/**
 * What a words search matches: keywords holding all `words`, at `relevance`, minus those starting
 * with `notPrefix` (the words tier: they are the prefix tier's) or failing `except` (the typo tier).
 */
export type WordsMatch = {
  words: string[];
  relevance: number | SQL;
  notPrefix?: string;
  except?: SQL;
};

/** Up to this many keywords holding a query's pairs of words are sorted by volume rather than walked. */
export const PAIRS_PROBE = 10_000;

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * Pairs of the pairs keys (`keyword_pairs`, migration 0015; `keyword_pair_keys`, 0018) that a
 * keyword holds exactly when it holds all `words` (two or more): as few pairs as cover every
 * word, each in byte order as the keys write it. None for fewer than two words.
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
 * With two words or more, through the pairs keys of migration 0018 (the GIN index of
 * `keyword_pair_keys`: each pair of words of a keyword, alone and within its volume band). Without
 * filters, at a fixed relevance: `keyword_words_page`, band by band from the most searched,
 * stopping at the band that fills the page. Otherwise up to `PAIRS_PROBE` matches sorted (a bitmap
 * scan visits each match's heap page), more the sort index walked. With one word, the words
 * indexes of migration 0012 or the sort index, as the planner chooses. The keys function stands
 * alone in its reads, so that the index answers it and it never runs as a filter (25-60 µs a row).
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
  const columns = sql`${SUMMARY_COLUMNS}, (${m.relevance})::integer as relevance`;
  const except = sql`${m.notPrefix === undefined ? sql`` : sql`and not starts_with(k.keyword, ${m.notPrefix})`} ${m.except ?? sql``}`;
  const pairs = wordPairs(m.words);
  if (pairs.length === 0)
    return queryRows<SummaryRow>(
      db,
      sql`select ${columns} from keyword_data k
        where ${target} and ${holds} ${except} and ${t.filters} ${afterVolume(after)}
        order by ${VOLUME} desc, k.id asc limit ${limit}`,
    );
  const keys = pairs.map((pair) => `${t.platform} ${t.marketplace} ${pair}`);
  if (t.filters === NO_FILTERS && typeof m.relevance === 'number' && m.except === undefined)
    return queryPrepared<SummaryRow>(
      db,
      'search-words-page',
      sql`select * from keyword_words_page(${t.platform}, ${t.marketplace}, ${sql.param(keys)}::text[],
        ${m.notPrefix ?? null}::text, ${after?.volume ?? null}::float8, ${after?.id ?? null}::bigint,
        ${m.relevance}::integer, ${limit}::integer)`,
    );
  return fewOrWalk(db, {
    // The keys alone: the index answers them, the function is never a filter.
    probe: sql`select k.id, k.keyword, k.search_volume from keyword_data k
      where keyword_pair_keys(k.platform, k.marketplace, k.keyword, k.search_volume) @> ${sql.param(keys)}::text[]`,
    bound: PAIRS_PROBE,
    few: sql`true ${except}`,
    walk: sql`${target} and ${holds} ${except}`,
    columns,
    filters: t.filters,
    after,
    limit,
  });
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
