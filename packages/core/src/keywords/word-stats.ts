import { type Db, queryRows, sql } from '@digitallz/db';

/**
 * How common the words of keywords are, from PostgreSQL's column statistics on keyword_words
 * (migration 0013: its 1,000 most common words): the share of keywords holding each of them, and
 * the share under which a word is not listed. Read once per database every few minutes; the
 * statistics change only when the table is analyzed.
 */
export type WordStats = { share: ReadonlyMap<string, number>; unlisted: number; keywords: number };

const TTL_MS = 5 * 60_000;
const memo = new WeakMap<Db, { at: number; stats: Promise<WordStats> }>();

export function wordStatsOf(db: Db, now = Date.now()): Promise<WordStats> {
  const known = memo.get(db);
  if (known && now - known.at < TTL_MS) return known.stats;
  const stats = loadWordStats(db);
  memo.set(db, { at: now, stats });
  // A failed read is not remembered: the next search asks again.
  stats.catch(() => memo.delete(db));
  return stats;
}

async function loadWordStats(db: Db): Promise<WordStats> {
  const [row] = await queryRows<{
    postings: number;
    keywords: number;
    words: string[] | null;
    freqs: number[] | null;
  }>(
    db,
    sql`select (select reltuples from pg_class where oid = 'keyword_words'::regclass)::float8 as postings,
        (select reltuples from pg_class where oid = 'keyword_data'::regclass)::float8 as keywords,
        s.most_common_vals::text::text[] as words, s.most_common_freqs::float8[] as freqs
      from (select 1) one
      left join pg_stats s on s.schemaname = current_schema() and s.tablename = 'keyword_words'
        and s.attname = 'word'`,
  );
  const words = row?.words ?? [];
  const freqs = row?.freqs ?? [];
  // A share of rows of keyword_words is a share of keywords times the words per keyword.
  const perKeyword = row && row.keywords > 0 && row.postings > 0 ? row.postings / row.keywords : 1;
  const share = new Map(words.map((w, i) => [w, Math.min(1, (freqs[i] ?? 0) * perKeyword)]));
  return { share, unlisted: Math.min(...share.values(), 1), keywords: row?.keywords ?? 0 };
}

/**
 * How a words search should run: the rarest word drives, and its keywords are read in volume
 * order (a walk) when a page should fill within `budget` of them. Assuming the words independent,
 * a page of `limit` needs limit / (product of the other words' shares) of the driver's keywords,
 * and never more than the driver has; words seen together more often than chance fill it sooner.
 * Otherwise the words indexes intersect the lists at once.
 */
export function planWordsSearch(
  stats: WordStats,
  words: string[],
  limit: number,
  budget: number,
): { driver: string; walk: boolean } {
  const shareOf = (w: string) => stats.share.get(w) ?? stats.unlisted / 2;
  const [driver = '', ...others] = [...words].sort(
    (a, b) => shareOf(a) - shareOf(b) || b.length - a.length || (a < b ? -1 : 1),
  );
  const density = others.reduce((d, w) => d * shareOf(w), 1);
  const driverKeywords = shareOf(driver) * stats.keywords;
  return { driver, walk: Math.min(driverKeywords, limit / density) <= budget };
}
