import type { POPULAR_SORTS } from '@digitallz/contracts';
import { type Db, queryRows, type SQL, sql } from '@digitallz/db';
import type { PagePosition } from './page-cursor';
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
type SortedRow = SummaryRow & { sort_value: number };

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
    /**
     * For a `where` that may hold few of its scope's keywords (a search): `scope`, the condition
     * on platform and marketplace alone, and `ids(limit)`, a query of the ids `where` can hold
     * (as `id`, duplicates allowed, each of its parts limited to `limit` rows) that is cheap when
     * they are few. Without it the planner may walk the sort's index checking `where` on each
     * keyword, to the end of the platform when none match: 0.8 s for a rare word at 450,000
     * keywords. With it the walk is bounded (`WALK_BUDGET`), then the few fetched by id and
     * sorted, and only if they are many the walk made unbounded. Only without `from`.
     */
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
  const read: PageRead = {
    db,
    columns,
    value,
    where: sql`${query.where} ${trendingOnly} ${after}`,
  };
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

/** Sort-index entries a sparse page reads before it looks for its few keywords by id. */
export const WALK_BUDGET = 1_000;
/** Up to this many keywords a sparse `where` may hold are fetched by id and sorted. */
export const FEW_BOUND = 5_000;

export type Sparse = {
  scope: SQL;
  ids: (limit: number) => SQL;
  /** `WALK_BUDGET` and `FEW_BOUND` unless given (tests give small ones). */
  walkBudget?: number;
  fewBound?: number;
};

type PageRead = { db: Db; columns: SQL; value: SQL; where: SQL };

/** Up to `page` rows of `from` (aliased `k`) under `where`, in the sort's order. */
function readFrom(r: PageRead, from: SQL, page: number): Promise<SortedRow[]> {
  return queryRows<SortedRow>(
    r.db,
    sql`select ${r.columns} from ${from} where ${r.where}
      order by ${r.value} desc, k.id asc limit ${page}`,
  );
}

/**
 * A page of a `where` that may hold few keywords of its scope: the first `WALK_BUDGET` entries
 * of the sort's index from `position` (enough for a broad search's page, as fast as the walk
 * alone); if they hold less than a page and the index goes on, the ids `where` can hold are
 * counted up to `FEW_BOUND` and, that few, fetched by id and sorted (behind a fence, so that the
 * planner cannot make a walk of it); more, the walk goes on to the page's end.
 * Whichever way, the same rows in the same order.
 */
async function readSparse(
  r: PageRead,
  sparse: Sparse,
  position: SQL,
  page: number,
): Promise<SortedRow[]> {
  const { walkBudget = WALK_BUDGET, fewBound = FEW_BOUND } = sparse;
  // Ordered by the walk's own columns, so that a full page stops the walk. The walk's last entry
  // comes back whether or not it matches: it tells that the budget, not the index, ended the walk.
  const walked = await queryRows<SortedRow & { walk_rank: number; hit: boolean }>(
    r.db,
    sql`select ${r.columns}, k.walk_rank, (${r.where}) as hit
      from (select k.*, ${r.value} as walk_value,
          row_number() over (order by ${r.value} desc, k.id asc) as walk_rank
        from keyword_data k where ${sparse.scope} ${position}
        order by ${r.value} desc, k.id asc limit ${walkBudget}) k
      where (${r.where}) or k.walk_rank = ${walkBudget}
      order by k.walk_value desc, k.id asc limit ${page}`,
  );
  const hits = walked.filter((row) => row.hit);
  const cut = walked.some((row) => Number(row.walk_rank) === walkBudget);
  if (hits.length >= page || !cut) return hits.slice(0, page);
  // The few in one statement: the probe's count comes back on every row (on a row of nulls when
  // none pass), and its ids are read only when within the bound.
  const few = await queryRows<SortedRow & { probed: number }>(
    r.db,
    sql`with few as materialized (${sparse.ids(fewBound + 1)}),
        probe as (select count(*)::int as n from few)
      select p.n as probed, m.* from probe p left join lateral (
        select ${r.columns} from (select * from keyword_data k
            where k.id in (select f.id from few f) and p.n <= ${fewBound} offset 0) k
          where ${r.where}
          order by ${r.value} desc, k.id asc limit ${page}) m on true`,
  );
  if ((few[0]?.probed ?? 0) > fewBound) return readFrom(r, sql`keyword_data k`, page);
  return few.filter((row) => row.id !== null);
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
