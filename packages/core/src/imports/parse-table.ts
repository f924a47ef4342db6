import { parse } from 'csv-parse/sync';
import { AppError } from '../errors';

export type TableRow = { line: number; cells: Record<string, string> };

/**
 * Reads a delimited table whose header is the first line (of the first `searchLines`) for which
 * `isHeader` holds; reports above it (Brand Analytics, Keyword Planner) carry a title first.
 */
export function parseTable(
  text: string,
  isHeader: (cells: string[]) => boolean,
  what: string,
  searchLines = 6,
): TableRow[] {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.slice(0, searchLines).findIndex((line) => {
    const delimiter = line.includes('\t') ? '\t' : ',';
    return isHeader(splitHeader(line, delimiter));
  });
  if (headerAt < 0)
    throw new AppError('VALIDATION_FAILED', `This file is not ${what}: its header was not found`);
  const delimiter = (lines[headerAt] as string).includes('\t') ? '\t' : ',';
  try {
    const records: { record: Record<string, string>; info: { lines: number } }[] = parse(text, {
      delimiter,
      from_line: headerAt + 1,
      columns: (header: string[]) => header.map((h) => h.trim()),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
    return records.map((r) => ({ line: r.info.lines, cells: r.record }));
  } catch (error) {
    throw new AppError(
      'VALIDATION_FAILED',
      `This file is not readable as ${what}: ${(error as Error).message}`,
    );
  }
}

function splitHeader(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, ''));
}

/** "1,234", "1 234", "$0.45", "12%" -> number; "" or "--" -> null; anything else -> NaN. */
export function readNumber(text: string | undefined): number | null {
  const t = (text ?? '').trim();
  if (t === '' || t === '--' || t === '-') return null;
  const n = Number(t.replace(/[\s,$€£%]/g, ''));
  return Number.isFinite(n) ? n : Number.NaN;
}
