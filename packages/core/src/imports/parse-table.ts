import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { AppError } from '../errors';
import type { Pieces } from './types';

export type TableRow = { line: number; cells: Record<string, string> };

/** How much of a report the header is looked for in, at most (characters). */
const HEAD_MAX = 1024 * 1024;

/**
 * Reads a delimited table, given in pieces, whose header is the first line (of the first
 * `searchLines`) for which `isHeader` holds; reports above it (Brand Analytics, Keyword Planner)
 * carry a title first. Rows
 * come one at a time as the caller asks for them: the parser reads the pieces one at a time and
 * waits while the caller is busy, so that a report of 50 MB never becomes a million objects at
 * once (it took 1.5 GB of heap read whole).
 */
export async function* readTable(
  text: Pieces<string>,
  isHeader: (cells: string[]) => boolean,
  what: string,
  searchLines = 6,
): AsyncGenerator<TableRow> {
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
  const parser = parse({
    delimiter,
    from_line: headerAt + 1,
    columns: (header: string[]) => header.map((h) => h.trim()),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  });
  // The pieces read for the header, then the others.
  async function* all() {
    if (head.length > 0) yield head;
    for (let next = await pieces.next(); !next.done; next = await pieces.next()) yield next.value;
  }
  const source = Readable.from(all(), { objectMode: false });
  // A piece that fails (a binary file found further on, the storage it is read from) fails the
  // parser, and so the reader, with the piece's own error: a database down is not a bad file.
  let sourceError: unknown;
  source.on('error', (error) => {
    sourceError = error;
    parser.destroy(error);
  });
  source.pipe(parser);
  try {
    for await (const r of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>)
      yield { line: r.info.lines, cells: r.record };
  } catch (error) {
    if (error instanceof AppError || error === sourceError) throw error;
    throw new AppError(
      'VALIDATION_FAILED',
      `This file is not readable as ${what}: ${(error as Error).message}`,
    );
  } finally {
    // The caller may stop early (a write failed): the parser and its source stop too.
    source.destroy();
    parser.destroy();
  }
}

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
