import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { AppError } from '../errors';

export type TableRow = { line: number; cells: Record<string, string> };

/** How much of the text the CSV parser is given at a time (cut after a line break). */
const CHUNK = 64 * 1024;

/**
 * Reads a delimited table whose header is the first line (of the first `searchLines`) for which
 * `isHeader` holds; reports above it (Brand Analytics, Keyword Planner) carry a title first. Rows
 * come one at a time as the caller asks for them: the parser reads the text a chunk at a time and
 * waits while the caller is busy, so that a report of 50 MB never becomes a million objects at
 * once (it took 1.5 GB of heap read whole).
 */
export async function* readTable(
  text: string,
  isHeader: (cells: string[]) => boolean,
  what: string,
  searchLines = 6,
): AsyncGenerator<TableRow> {
  const lines = leadingLines(text, searchLines);
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
  const source = Readable.from(chunks(text), { objectMode: false });
  source.pipe(parser);
  try {
    for await (const r of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>)
      yield { line: r.info.lines, cells: r.record };
  } catch (error) {
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

/** `text` in pieces of about `CHUNK` characters, each ending after a line break (or at the end). */
function* chunks(text: string): Generator<string> {
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\n', at + CHUNK);
    const stop = end < 0 ? text.length : end + 1;
    yield text.slice(at, stop);
    at = stop;
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
