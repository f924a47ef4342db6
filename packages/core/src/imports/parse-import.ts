import { AppError } from '../errors';
import { BRAND_ANALYTICS } from './parse-brand-analytics';
import { KEYWORD_PLANNER } from './parse-keyword-planner';
import { readTable } from './parse-table';
import { VOLUME_CSV } from './parse-volume-csv';
import { readText } from './read-text';
import type {
  ImportKind,
  ImportLine,
  ParsedImport,
  Pieces,
  ReportReader,
  SkippedRow,
} from './types';

const READERS: Record<ImportKind, ReportReader> = {
  'brand-analytics': BRAND_ANALYTICS,
  'keyword-planner': KEYWORD_PLANNER,
  csv: VOLUME_CSV,
};

/**
 * An uploaded report of the kind it claims to be, its lines in file order, a batch at a time (a
 * piece of the text's: about 1,000 lines) as the caller asks for them; a file that is not that
 * kind is refused. The caller refuses a file of which no line could be read (`unreadable`). The
 * bytes come whole or in pieces (read from storage).
 */
export async function* readImport(
  kind: ImportKind,
  bytes: Uint8Array | Pieces<Uint8Array>,
): AsyncGenerator<ImportLine[]> {
  const reader = READERS[kind];
  const table = readTable(textOnly(readText(bytes)), reader);
  for await (const rows of table) yield rows.map((r) => reader.line(r.cells, r.line));
}

/** The pieces of a report's text, refused as soon as one holds a NUL (a binary file). */
async function* textOnly(pieces: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const piece of pieces) {
    if (piece.includes('\u0000'))
      throw new AppError(
        'VALIDATION_FAILED',
        'This file is binary, not a text report (an XLSX? export it as CSV)',
      );
    yield piece;
  }
}

/** The refusal of a report none of whose lines could be read (`skipped`: its first ones). */
export function unreadable(skipped: SkippedRow[]): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `No row of this file could be read; first problem: line ${skipped[0]?.line}: ${skipped[0]?.message}`,
    { details: skipped.slice(0, 100) },
  );
}

/** A whole report at once, rows and skipped lines (`readImport` for one too large to hold). */
export async function parseImport(kind: ImportKind, bytes: Uint8Array): Promise<ParsedImport> {
  const parsed: ParsedImport = { rows: [], skipped: [] };
  for await (const lines of readImport(kind, bytes))
    for (const line of lines)
      if ('row' in line) parsed.rows.push(line.row);
      else parsed.skipped.push(line.skipped);
  if (parsed.rows.length === 0 && parsed.skipped.length > 0) throw unreadable(parsed.skipped);
  return parsed;
}
