export type ImportKind = 'brand-analytics' | 'keyword-planner' | 'csv';

export type ImportedRow = {
  line: number;
  keyword: string;
  platform: 'amazon' | 'etsy' | 'ebay' | 'google';
  volume: number | null;
  volumeLow: number | null;
  volumeHigh: number | null;
  searchFrequencyRank: number | null;
  competition: number | null;
  bidLow: number | null;
  bidHigh: number | null;
  /** YYYY-MM -> searches. */
  monthly: Record<string, number> | null;
};

export type SkippedRow = { line: number; message: string };
export type ParsedImport = { rows: ImportedRow[]; skipped: SkippedRow[] };
/** One line of a report as a reader yields it: a row it could read, or why it skipped the line. */
export type ImportLine = { row: ImportedRow } | { skipped: SkippedRow };

/**
 * A row with what the report says (the rest null), always of one shape. Not `{ ...EMPTY, volume }`:
 * V8 (Node 20) takes a slow path for a literal that spreads an object and then sets a key it
 * already holds, 5 µs a row instead of 0.1 (most of an import's parsing, BENCHMARKS.md
 * bench:import, session 30).
 */
export function importedRow(
  known: Pick<ImportedRow, 'line' | 'keyword' | 'platform'> & Partial<ImportedRow>,
): ImportedRow {
  return {
    line: known.line,
    keyword: known.keyword,
    platform: known.platform,
    volume: known.volume ?? null,
    volumeLow: known.volumeLow ?? null,
    volumeHigh: known.volumeHigh ?? null,
    searchFrequencyRank: known.searchFrequencyRank ?? null,
    competition: known.competition ?? null,
    bidLow: known.bidLow ?? null,
    bidHigh: known.bidHigh ?? null,
    monthly: known.monthly ?? null,
  };
}

/** A report's bytes or text as it arrives: in memory, or read a piece at a time (from storage). */
export type Pieces<T> = Iterable<T> | AsyncIterable<T>;

/** A delimited table: how its header is found, and how its columns are named. */
export type TableSpec = {
  /** What the report is, as a refusal names it ("an Amazon Brand Analytics search terms report"). */
  what: string;
  isHeader: (cells: string[]) => boolean;
  /** The lines the header is looked for in (6 by default: reports may have titles above it). */
  searchLines?: number;
  /** Each column's name as the cells are keyed (after trimming). */
  columnName?: (name: string) => string;
};

/**
 * A kind of report: the table it is, and what each of its lines holds, read line by line
 * (`readTable` gives the lines a piece at a time).
 */
export type ReportReader = TableSpec & {
  /** A line's row, or why it is skipped. */
  line: (cells: Record<string, string>, line: number) => ImportLine;
};
