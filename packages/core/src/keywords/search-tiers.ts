import { type Db, queryPrepared, queryRows, sql } from '@digitallz/db';
import { NO_FILTERS } from './keyword-filters';
import { escapeLike } from './normalize-keyword';
import {
  correctWords,
  fewOrWalk,
  findByWords,
  type SearchPosition,
  type SearchTarget,
  searchWords,
} from './search-words';
import { SUMMARY_COLUMNS, type SummaryRow } from './summary-row';

export type SearchTier = {
  min: number;
  max: number;
  onlyIfNothingElse?: boolean;
  rows: (
    db: Db,
    t: SearchTarget,
    after: SearchPosition | null,
    limit: number,
  ) => Promise<SummaryRow[]>;
};

const startsWith = (q: string) => `${escapeLike(q)}%`;
/** How close (trigram similarity) a corrected query must stay to the typed one. */
const TYPO_MIN_SIMILARITY = 0.5;
/** Up to this many keywords starting with a query are sorted by volume rather than walked. */
const PREFIX_PROBE = 2000;

/**
 * The least string after every string starting with `prefix`, in code point order (the byte order
 * of UTF-8, which the prefix index keeps): its last character that has a successor, replaced by
 * it. Null when there is none (only U+10FFFF) or the prefix is not well-formed Unicode.
 */
export function prefixEnd(prefix: string): string | null {
  if (/\p{Surrogate}/u.test(prefix)) return null;
  const chars = [...prefix];
  while (chars.length > 0) {
    const last = chars.pop()?.codePointAt(0) ?? 0x10ffff;
    // After U+D7FF come the surrogates, which no string holds.
    if (last < 0x10ffff)
      return chars.join('') + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1);
  }
  return null;
}

/** The tiers `searchHead` runs: those of relevance 2000 and above. */
export const HEAD_MIN = 2000;

/**
 * The first page's two first tiers (3000 and 2000) in one call, or null when they cannot be:
 * filtered, or a prefix without an end. The function of migration 0016 runs them on plans made
 * once per connection; its answer is what those tiers give (search-tiers.int.test.ts).
 */
export function searchHead(db: Db, t: SearchTarget, limit: number): Promise<SummaryRow[]> | null {
  const end = prefixEnd(t.q);
  if (t.filters !== NO_FILTERS || end === null) return null;
  return queryPrepared<SummaryRow>(
    db,
    'search-head',
    sql`select * from keyword_search_head(${t.platform}, ${t.marketplace}, ${t.q}, ${end}, ${PREFIX_PROBE}, ${limit})`,
  );
}

/**
 * The tiers of a search and the relevance they give: the keyword itself (3000), keywords starting
 * with it (2000), keywords containing all its topic words elsewhere (1500), each of those two most
 * searched first (the sort index of migration 0007; the words indexes of migration 0012), and only
 * when none of those exist, the keywords of the query with its unknown words corrected (a typo
 * tier: its trigram similarity to the query x 999, most searched first).
 */
export const SEARCH_TIERS: SearchTier[] = [
  {
    min: 3000,
    max: 3000,
    rows: (db, t, after, limit) => {
      if (after) return Promise.resolve([]);
      const exact = sql`select ${SUMMARY_COLUMNS}, 3000 as relevance from keyword_data k
        where k.platform = ${t.platform} and k.marketplace = ${t.marketplace}
          and k.keyword = ${t.q} and ${t.filters}
        limit ${limit}`;
      // A lookup by the unique key whatever the values: without filters (one fixed text) it is
      // prepared, since parsing and planning it cost more than running it (`queryPrepared`).
      return t.filters === NO_FILTERS
        ? queryPrepared(db, 'search-exact', exact)
        : queryRows(db, exact);
    },
  },
  {
    min: 2000,
    max: 2000,
    rows: (db, t, after, limit) => {
      const prefix = sql`k.platform = ${t.platform} and k.marketplace = ${t.marketplace}
        and k.keyword like ${startsWith(t.q)} and k.keyword <> ${t.q}`;
      // Few keywords start with the query: all of them, sorted here. Many: the sort index walked.
      // The planner cannot tell the two apart for a long prefix (45,794 matches estimated, 308
      // found; 110-630 ms walking the sort index), so a bounded read tells. It reads ids and
      // volumes from the prefix index alone (migration 0014), in the index's order.
      return fewOrWalk(db, {
        probe: sql`select k.id, k.search_volume from keyword_data k where ${prefix}
          order by k.keyword using ~<~`,
        bound: PREFIX_PROBE,
        few: sql`true`,
        walk: prefix,
        columns: sql`${SUMMARY_COLUMNS}, 2000 as relevance`,
        filters: t.filters,
        after,
        limit,
      });
    },
  },
  {
    min: 1500,
    max: 1500,
    rows: (db, t, after, limit) =>
      findByWords(
        db,
        t,
        { words: searchWords(t.q), relevance: 1500, notPrefix: t.q },
        after,
        limit,
      ),
  },
  {
    min: 0,
    max: 999,
    // Only when nothing else matched: then no keyword starts with the query or holds its words.
    onlyIfNothingElse: true,
    rows: async (db, t, after, limit) => {
      const words = await correctWords(db, t.platform, searchWords(t.q));
      if (!words) return [];
      const similarity = sql`similarity(${t.q}, ${words.join(' ')})`;
      // A correction too far from what was typed ("not replayed" to "notion template") is not one.
      const except = sql`and ${similarity} >= ${TYPO_MIN_SIMILARITY}`;
      const relevance = sql`least(998, round(${similarity} * 999))::int`;
      return findByWords(db, t, { words, relevance, except }, after, limit);
    },
  },
];
