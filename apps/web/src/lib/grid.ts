import type { KeywordSummary } from '@digitallz/contracts';

export const GRID_COLUMNS = [
  'volume',
  'trend',
  'competition',
  'cpc',
  'difficulty',
  'opportunity',
  'listings',
  'updated',
] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];
/** Columns of words, aligned left; figures are aligned right. */
export const alignRight = (column: 'keyword' | GridColumn) =>
  column !== 'keyword' && column !== 'competition' && column !== 'updated';
export type SortKey = 'keyword' | GridColumn | 'relevance';
export type Sort = { key: SortKey; dir: 'asc' | 'desc' };

export type GridFilters = {
  minVolume?: number;
  /** In percent: 0 keeps the keywords not falling, 20 those growing 20% a year or more. */
  minYearlyChange?: number;
  maxCompetition?: number;
  maxDifficulty?: number;
  minOpportunity?: number;
  maxWords?: number;
  includes?: string;
  excludes?: string;
};

/** The value a column sorts on; null sorts last whichever the direction. */
export function sortValue(row: KeywordSummary, key: SortKey): number | string | null {
  switch (key) {
    case 'keyword':
      return row.keyword;
    case 'volume':
      return row.searchVolume;
    case 'trend':
      return row.yearlyChangePct;
    case 'competition':
      return row.competition;
    case 'cpc':
      return row.cpc;
    case 'difficulty':
      return row.difficulty;
    case 'opportunity':
      return row.opportunity;
    case 'listings':
      return row.listingCount;
    case 'updated':
      return row.lastUpdated;
    case 'relevance':
      return row.relevance;
  }
}

const words = (text: string | undefined) =>
  (text ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);

/** A row passes when every filter that is set holds; a missing figure fails a numeric filter. */
export function passes(row: KeywordSummary, f: GridFilters): boolean {
  const atLeast = (value: number | null, min?: number) =>
    min === undefined || (value !== null && value >= min);
  const atMost = (value: number | null, max?: number) =>
    max === undefined || (value !== null && value <= max);
  const keyword = row.keyword.toLowerCase();
  return (
    atLeast(row.searchVolume, f.minVolume) &&
    atLeast(row.yearlyChangePct, f.minYearlyChange) &&
    atMost(row.competition, f.maxCompetition) &&
    atMost(row.difficulty, f.maxDifficulty) &&
    atLeast(row.opportunity, f.minOpportunity) &&
    atMost(words(row.keyword).length, f.maxWords) &&
    words(f.includes).every((w) => keyword.includes(w)) &&
    !words(f.excludes).some((w) => keyword.includes(w))
  );
}

type Bounds = { min: number; max: number; round?: (n: number) => number };
/**
 * The number filters within the bounds the list endpoints accept, whole where they want whole
 * numbers, rounded the way that keeps the same keywords (volumes and scores are whole, so
 * "at least 1.5" is "at least 2"; no change is below -100%): whatever the grid takes, its export
 * is not refused.
 */
const NUMBER_FILTERS: Record<Exclude<keyof GridFilters, 'includes' | 'excludes'>, Bounds> = {
  minVolume: { min: 0, max: Number.MAX_SAFE_INTEGER, round: Math.ceil },
  minYearlyChange: { min: -100, max: 100_000 },
  maxCompetition: { min: 0, max: 1 },
  maxDifficulty: { min: 0, max: 100, round: Math.floor },
  minOpportunity: { min: 0, max: 100, round: Math.ceil },
  maxWords: { min: 1, max: 20, round: Math.floor },
};
const TERM_FILTERS = ['includes', 'excludes'] as const;
/** The names of the grid's filters, the same as the list endpoints' parameters. */
export const FILTER_NAMES = [
  ...(Object.keys(NUMBER_FILTERS) as (keyof typeof NUMBER_FILTERS)[]),
  ...TERM_FILTERS,
];

/**
 * The filters as the list endpoints' query parameters (the same conditions: a term is a substring,
 * every included one present, no excluded one), so that an export holds what the grid shows.
 */
export function filterParams(f: GridFilters): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, { min, max, round }] of Object.entries(NUMBER_FILTERS)) {
    const value = f[key as keyof typeof NUMBER_FILTERS];
    if (value !== undefined)
      params[key] = String(Math.min(max, Math.max(min, round ? round(value) : value)));
  }
  for (const key of TERM_FILTERS) {
    const terms = words(f[key]);
    if (terms.length > 0) params[key] = terms.join(',');
  }
  return params;
}

/**
 * The grid's order as a list endpoint's `sort`, where the endpoint has it (each of its sorts one
 * way: the most searched, the best opportunity, the easiest first; missing figures last, as here);
 * null for the others, which export in the search's own order.
 */
export function exportSort(
  sort: Sort,
): 'relevance' | 'volume' | 'opportunity' | 'difficulty' | null {
  if (sort.key === 'relevance' && sort.dir === 'desc') return 'relevance';
  if (sort.key === 'volume' && sort.dir === 'desc') return 'volume';
  if (sort.key === 'opportunity' && sort.dir === 'desc') return 'opportunity';
  if (sort.key === 'difficulty' && sort.dir === 'asc') return 'difficulty';
  return null;
}

/** The rows that pass the filters, sorted (stable: equal values keep the API's order). */
export function arrange(rows: KeywordSummary[], filters: GridFilters, sort: Sort) {
  const kept = rows.filter((row) => passes(row, filters));
  const sign = sort.dir === 'asc' ? 1 : -1;
  return kept
    .map((row, index) => ({ row, index, value: sortValue(row, sort.key) }))
    .sort((a, b) => {
      if (a.value === b.value) return a.index - b.index;
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return (a.value < b.value ? -1 : 1) * sign;
    })
    .map((entry) => entry.row);
}
