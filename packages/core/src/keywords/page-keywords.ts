import type { POPULAR_SORTS } from '@digitallz/contracts';
import { type Db, type SQL, sql } from '@digitallz/db';
import type { PagePosition } from './page-cursor';
import { readFrom, readSparse, type Sparse } from './sparse-page';
import { SUMMARY_COLUMNS, type SummaryRow } from './summary-row';

export type KeywordSort = (typeof POPULAR_SORTS)[number];

/**
 * Each sort as one number ordered descending (the easiest keywords first for difficulty). Each has
 * an index on (platform, marketplace, value desc, id) in migration 0007: keep them identical.
 */
const SORT_VALUE: Record<KeywordSort, SQL> = {
  volume: sql`(coalesce(k.search_volume, -1)::float8)`,
  opportunity: sql`(coalesce(k.opportunity, -1)::float8)`,
  difficulty: sql`(-coalesce(k.difficulty, 101)::float8)`,
  trending: sql`(coalesce((k.trend_data->'trendingNow'->>'recentGrowthPct')::float8, -1e9))`,
};

export type KeywordPageRows = { rows: SummaryRow[]; next: PagePosition | null };

/**
 * One page of keyword_data rows (aliased `k`, joined by `from`) matching `where`, ordered by
 * `sort` then id, after `after`: the keyset paging every keyword list and export shares.
 */
export async function pageKeywords(
  db: Db,
  query: {
    from?: SQL;
    where: SQL;
    sort: KeywordSort;
    limit: number;
    after: PagePosition | null;
    /** Each row's relevance to a search (0 for the lists, which have none). */
    relevance?: SQL;
    /** A `where` that may hold few of its scope's keywords (a search): `readSparse`. No `from`. */
    sparse?: Sparse;
  },
): Promise<KeywordPageRows> {
  const trendingOnly =
    query.sort === 'trending' ? sql`and k.trend_data->'trendingNow'->>'trending' = 'true'` : sql``;
  const value = SORT_VALUE[query.sort];
  // Written out (no row comparison, no subquery) so that the sort's index gives the order.
  const after = query.after
    ? sql`and (${value} < ${query.after.value}::float8 or (${value} = ${query.after.value}::float8 and k.id > ${query.after.id}))`
    : sql``;
  const columns = sql`${SUMMARY_COLUMNS}, ${query.relevance ?? sql`0`} as relevance, ${value} as sort_value`;
  const read = { db, columns, value, where: sql`${query.where} ${trendingOnly} ${after}` };
  const page = query.limit + 1;
  const rows = query.sparse
    ? await readSparse(read, query.sparse, sql`${trendingOnly} ${after}`, page)
    : await readFrom(read, query.from ?? sql`keyword_data k`, page);
  const kept = rows.slice(0, query.limit);
  const last = kept.at(-1);
  return {
    rows: kept,
    next:
      rows.length > query.limit && last
        ? { value: Number(last.sort_value), id: Number(last.id) }
        : null,
  };
}

/** Every row of a query, a page at a time: exports stream this without holding it all. */
export async function* allKeywords(
  db: Db,
  query: { from?: SQL; where: SQL; sort: KeywordSort; max: number },
  pageSize = 2_000,
): AsyncGenerator<SummaryRow> {
  let after: PagePosition | null = null;
  let yielded = 0;
  do {
    const limit = Math.min(pageSize, query.max - yielded);
    if (limit <= 0) return;
    const page: KeywordPageRows = await pageKeywords(db, { ...query, limit, after });
    for (const row of page.rows) yield row;
    yielded += page.rows.length;
    after = page.next;
  } while (after);
}
