import { parse } from 'csv-parse';
import { AppError } from '../errors';
import type { Pieces, TableSpec } from './types';

export type TableRow = { line: number; cells: Record<string, string> };

/** How much of a report the header is looked for in, at most (characters). */
const HEAD_MAX = 1024 * 1024;

/**
 * Reads a delimited table, given in pieces, whose header is the first line (of the first
 * `searchLines`) for which `isHeader` holds; reports above it (Brand Analytics, Keyword Planner)
 * carry a title first. Its rows come a piece's at a time (about 1,000 for 64 KB) as the caller asks
 * for them: the parser reads the next piece once the caller has taken these, so that a report of
 * 50 MB never becomes a million objects at once (it took 1.5 GB of heap read whole). A batch, not
 * a row, at a time: a row at a time through the readers' async generators cost most of the time
 * (BENCHMARKS.md, bench:import, session 30).
 */
export async function* readTable(
  text: Pieces<string>,
  table: TableSpec,
): AsyncGenerator<TableRow[]> {
  const { what, isHeader, searchLines = 6, columnName = (name) => name } = table;
  const pieces =
    Symbol.asyncIterator in text ? text[Symbol.asyncIterator]() : text[Symbol.iterator]();
  // The header is looked for in the first lines: pieces are read until they hold them all, or
  // `HEAD_MAX` characters (a file of one endless line is not read whole to look for it).
  let head = '';
  let breaks = 0;
  let done = false;
  while (!done && breaks <= searchLines && head.length < HEAD_MAX) {
    const next = await pieces.next();
    if (next.done) done = true;
    else {
      head += next.value;
      breaks += countLines(next.value);
    }
  }
  const lines = leadingLines(head, searchLines);
  const headerAt = lines.findIndex((line) => {
    const delimiter = line.includes('\t') ? '\t' : ',';
    return isHeader(splitHeader(line, delimiter));
  });
  if (headerAt < 0)
    throw new AppError('VALIDATION_FAILED', `This file is not ${what}: its header was not found`);
  const delimiter = (lines[headerAt] as string).includes('\t') ? '\t' : ',';
  const { api } = parse({
    delimiter,
    from_line: headerAt + 1,
    columns: (header: string[]) => header.map((h) => columnName(h.trim())),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
  }) as unknown as { api?: IncrementalParser };
  if (typeof api?.parse !== 'function')
    throw new Error('csv-parse has no incremental parser (api)');
  // Each piece parsed as it comes, its records numbered by the line they end on (the parser
  // counts the lines it has read).
  let records: TableRow[] = [];
  const push = (cells: Record<string, string>) => {
    records.push({ line: api.info.lines, cells });
  };
  /** The records a piece completes (the last piece `undefined`: the end of the text). */
  const parsePiece = (piece: string | undefined): TableRow[] => {
    const error = api.parse(
      piece === undefined ? undefined : Buffer.from(piece),
      piece === undefined,
      push,
      () => {},
    );
    if (error)
      throw new AppError(
        'VALIDATION_FAILED',
        `This file is not readable as ${what}: ${error.message}`,
      );
    const parsed = records;
    records = [];
    return parsed;
  };
  /** The pieces read for the header, then the others. */
  async function* texts() {
    if (head.length > 0) yield head;
    for (let next = await pieces.next(); !next.done; next = await pieces.next()) yield next.value;
  }
  try {
    // A piece that fails (a binary file found further on, the storage it is read from) fails the
    // reader with the piece's own error: a database down is not a bad file.
    for await (const text of texts()) {
      const rows = parsePiece(text);
      if (rows.length > 0) yield rows;
    }
    const rows = parsePiece(undefined);
    if (rows.length > 0) yield rows;
  } finally {
    // The caller may stop early (a write failed): the pieces' source stops too.
    await pieces.return?.();
  }
}

/**
 * csv-parse's incremental parser, under its stream (`Parser.api`): records are pushed as each
 * piece is parsed, with no stream between (its async iteration and per-record info objects took
 * most of an import's parsing time, BENCHMARKS.md bench:import, session 30).
 */
type IncrementalParser = {
  parse(
    piece: Buffer | undefined,
    end: boolean,
    push: (record: Record<string, string>) => void,
    close: () => void,
  ): Error | undefined;
  info: { lines: number };
};

/** The first `count` lines of `text`, without splitting the rest. */
function leadingLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let at = 0;
  while (lines.length < count && at <= text.length) {
    const end = text.indexOf('\n', at);
    const stop = end < 0 ? text.length : end;
    lines.push(text.slice(at, stop > at && text[stop - 1] === '\r' ? stop - 1 : stop));
    if (end < 0) break;
    at = end + 1;
  }
  return lines;
}

/** Line breaks in `text`. */
function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
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
