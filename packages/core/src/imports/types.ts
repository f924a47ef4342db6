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

export const EMPTY_ROW = {
  volume: null,
  volumeLow: null,
  volumeHigh: null,
  searchFrequencyRank: null,
  competition: null,
  bidLow: null,
  bidHigh: null,
  monthly: null,
} as const;

/** A report's bytes or text as it arrives: in memory, or read a piece at a time (from storage). */
export type Pieces<T> = Iterable<T> | AsyncIterable<T>;
