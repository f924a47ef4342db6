import { type Db, queryRows, type SQL, sql } from '@digitallz/db';
import type { SummaryRow } from './summary-row';

/**
 * Sort-index entries a sparse page walks at most, per row of the page, before it reads its
 * matches another way: it gives up where fewer than one keyword in a thousand matches. Common
 * words at 10 million keywords needed up to 18,000 entries for a page of 20 (bench:search).
 */
export const WALK_PER_ROW = 1_000;
/** The most entries any page walks (500 rows would otherwise allow half a million). */
export const WALK_MAX = 100_000;
/**
 * For a phrase (two words or more), the part of the walk's budget walked before the planner is
 * asked: its guess of how many keywords hold all the words takes them as independent, which
 * phrases are not ("baby shower": a few guessed, hundreds of thousands held, 2.8 s to sort them
 * at 10 million keywords, where a walk fills the page in milliseconds).
 */
export const PHRASE_WALK_SHARE = 0.2;

/** How many times its budget a walk that met matches may go on, where they say the page lies. */
export const WALK_ONWARD = 20;

/**
 * A bounded walk: its page (null when cut short), the matches it met, and the keywords it met
 * holding the search's terms whatever the filters.
 */
type Walked = { page: SortedRow[] | null; hits: number; seen: number };

/** What `pageKeywords` needs to bound a sparse page's walk. */
export type Sparse = {
  /** The condition on platform and marketplace alone: the sort index's range. */
  scope: SQL;
  /** `WALK_PER_ROW` entries per row of the page (at most `WALK_MAX`) unless given. */
  walkBudget?: number;
  /** Whether to ask the planner (tests skip it, to walk whatever the plan). */
  explain?: boolean;
  /** A phrase (words the planner takes as independent): walk a little before asking. */
  phrase?: boolean;
  /**
   * `where` without its filters (the search's terms alone), where it has filters: a walk counts
   * the keywords holding the terms apart from those passing the filters. Without it, the same.
   */
  terms?: SQL;
};

export type SortedRow = SummaryRow & { sort_value: number };
/** A page's read: its columns (`sort_value` among them), its sort's value and its conditions. */
export type PageRead = { db: Db; columns: SQL; value: SQL; where: SQL };

/** Up to `page` rows of `from` (aliased `k`) under `where`, in the sort's order. */
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
 * So the planner is asked (EXPLAIN: its plan, not run), for a phrase after a short walk
 * (`PHRASE_WALK_SHARE`). A plan that sorts the matches runs as it is. A walk is bounded
 * (`WALK_PER_ROW`) from `position`, plenty for a page of any query the planner was right about;
 * if the entries walked hold less than a page and the index goes on, the matches are read as the
 * planner reads them without the sort's order (behind a fence: by the search's own indexes) and
 * sorted, unless the matches met place the page within `WALK_ONWARD` times the budget, or many
 * keywords met hold the terms but fail the filters: then the walk goes on. The rows and their
 * order are the same whichever way.
 */
export async function readSparse(
  r: PageRead,
  sparse: Sparse,
  position: SQL,
  page: number,
): Promise<SortedRow[]> {
  const { walkBudget = Math.min(WALK_MAX, WALK_PER_ROW * page), explain = true } = sparse;
  const range = sql`${sparse.scope} ${position}`;
  const walk = (budget: number) => boundedWalk(r, { range, terms: sparse.terms }, budget, page);
  // A walk that met matches, too few: where they say the page lies within `most` entries, the
  // walk goes on there (as far again, for luck).
  const onward = async (walked: Walked, budget: number, most: number) => {
    if (walked.hits === 0) return null;
    const needed = Math.ceil((budget * page) / walked.hits);
    return needed <= most ? (await walk(Math.min(most, 2 * needed))).page : null;
  };
  if (sparse.phrase) {
    const quick = Math.ceil(walkBudget * PHRASE_WALK_SHARE);
    const first = await walk(quick);
    const rows = first.page ?? (await onward(first, quick, walkBudget));
    if (rows) return rows;
  }
  if (explain && !(await walks(r.db, pageSql(r, sql`keyword_data k`, page))))
    return readFrom(r, sql`keyword_data k`, page);
  const walked = await walk(walkBudget);
  const rows = walked.page ?? (await onward(walked, walkBudget, WALK_ONWARD * walkBudget));
  if (rows) return rows;
  // Many keywords holding the terms, few passing the filters: the search's matches are many
  // (reading them all could be millions of rows), so the walk goes on to the page's end.
  if (walked.seen >= page) return readFrom(r, sql`keyword_data k`, page);
  // Few keywords holding the terms: behind a fence, the planner plans them without the sort's
  // order (by the search's own indexes), then sorts them.
  return readFrom(r, sql`(select * from keyword_data k where ${r.where} offset 0) k`, page);
}

/**
 * The page from at most `budget` entries of the sort's index within `range` (null when they
 * hold less than a page and the index goes on), and how many of them matched. The walk carries
 * ids, its order and whether each matches, no more (a whole row per entry cost five times the walk); ordered by its own columns,
 * so that a full page stops it. Its last entry comes back whether or not it matches: it tells
 * that the budget, not the index, ended the walk. The page's rows are fetched by id.
 */
async function boundedWalk(
  r: PageRead,
  walk: { range: SQL; terms?: SQL | undefined },
  budget: number,
  page: number,
): Promise<Walked> {
  const walked = await queryRows<SortedRow & { walk_rank: number; hit: boolean; seen: number }>(
    r.db,
    sql`select ${r.columns}, w.walk_rank, w.hit, w.seen
      from (select w.* from (select k.id, ${r.value} as walk_value, (${r.where}) as hit,
            row_number() over walked as walk_rank,
            ${walk.terms ? sql`count(*) filter (where ${walk.terms}) over walked` : sql`0`} as seen
          from keyword_data k where ${walk.range}
          window walked as (order by ${r.value} desc, k.id asc rows unbounded preceding)
          order by ${r.value} desc, k.id asc limit ${budget}) w
        where w.hit or w.walk_rank = ${budget}
        order by w.walk_value desc, w.id asc limit ${page}) w
      join keyword_data k on k.id = w.id
      order by w.walk_value desc, w.id asc`,
  );
  const hits = walked.filter((row) => row.hit);
  const marker = walked.find((row) => Number(row.walk_rank) === budget);
  return {
    page: hits.length >= page || !marker ? hits.slice(0, page) : null,
    hits: hits.length,
    // Without terms apart, those met are the matches: all of them came back, the page not full.
    seen: walk.terms && marker ? Number(marker.seen) : hits.length,
  };
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
