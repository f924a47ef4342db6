import { type Db, queryRows, type SQL, sql } from '@digitallz/db';
import type { SummaryRow } from './summary-row';

/** Sort-index entries a sparse page walks at most before it reads its matches another way. */
export const WALK_BUDGET = 5_000;

/** What `pageKeywords` needs to bound a sparse page's walk. */
export type Sparse = {
  /** The condition on platform and marketplace alone: the sort index's range. */
  scope: SQL;
  /** `WALK_BUDGET` unless given (tests give small ones). */
  walkBudget?: number;
  /** Whether to ask the planner first (tests skip it, to walk whatever the plan). */
  explain?: boolean;
};

export type SortedRow = SummaryRow & { sort_value: number };
/** A page's read: its columns (`sort_value` among them), its sort's value and its conditions. */
export type PageRead = { db: Db; columns: SQL; value: SQL; where: SQL };

/** The statement of up to `page` rows of `from` (aliased `k`) under `where`, in the sort's order. */
function pageSql(r: PageRead, from: SQL, page: number): SQL {
  return sql`select ${r.columns} from ${from} where ${r.where}
    order by ${r.value} desc, k.id asc limit ${page}`;
}

export function readFrom(r: PageRead, from: SQL, page: number): Promise<SortedRow[]> {
  return queryRows<SortedRow>(r.db, pageSql(r, from, page));
}

/**
 * A page of a `where` that may hold few keywords of its scope (a search). The planner guesses
 * from statistics how many match; guessing many, it walks the sort's index checking `where` on
 * each keyword until the page is full, which for a word that few or no keywords hold (or two
 * common words seldom together) is a walk to the end of the platform: 0.8 s at 450,000 keywords.
 * So the planner is asked first (EXPLAIN: its plan, not run); a plan that sorts the matches runs
 * as it is. A walk is bounded to `WALK_BUDGET` entries from `position` (plenty for a page of any
 * query the planner was right about); if they hold less than a page and the index goes on, the
 * matches are read as the planner reads them without the sort's order (behind a fence: by the
 * search's own indexes) and sorted. The rows and their order are the same whichever way.
 */
export async function readSparse(
  r: PageRead,
  sparse: Sparse,
  position: SQL,
  page: number,
): Promise<SortedRow[]> {
  const { walkBudget = WALK_BUDGET, explain = true } = sparse;
  if (explain && !(await walks(r.db, pageSql(r, sql`keyword_data k`, page))))
    return readFrom(r, sql`keyword_data k`, page);
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
  // Behind a fence, the planner plans the matches without the sort's order, then sorts them.
  return readFrom(r, sql`(select * from keyword_data k where ${r.where} offset 0) k`, page);
}

type PlanNode = { 'Node Type': string; Plans?: PlanNode[] };

/** Whether the planner would read `statement` in its index's order (no Sort node in its plan). */
export async function walks(db: Db, statement: SQL): Promise<boolean> {
  const [row] = await queryRows<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(
    db,
    sql`explain (format json) ${statement}`,
  );
  const plan = row?.['QUERY PLAN'];
  const parsed = typeof plan === 'string' ? (JSON.parse(plan) as [{ Plan: PlanNode }]) : plan;
  const sorts = (node: PlanNode): boolean =>
    node['Node Type'].endsWith('Sort') || (node.Plans ?? []).some(sorts);
  return !parsed?.[0] || !sorts(parsed[0].Plan);
}
