import { AppError } from '../errors';
import { parseBrandAnalytics } from './parse-brand-analytics';
import { parseKeywordPlanner } from './parse-keyword-planner';
import { parseVolumeCsv } from './parse-volume-csv';
import { readText } from './read-text';
import type { ImportKind, ParsedImport } from './types';

const PARSERS: Record<ImportKind, (text: string) => ParsedImport> = {
  'brand-analytics': parseBrandAnalytics,
  'keyword-planner': parseKeywordPlanner,
  csv: parseVolumeCsv,
};

/** Parses an uploaded report of the kind it claims to be; a file that is not is refused. */
export function parseImport(kind: ImportKind, bytes: Uint8Array): ParsedImport {
  const text = readText(bytes);
  if (text.includes('\u0000'))
    throw new AppError(
      'VALIDATION_FAILED',
      'This file is binary, not a text report (an XLSX? export it as CSV)',
    );
  const parsed = PARSERS[kind](text);
  if (parsed.rows.length === 0 && parsed.skipped.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      `No row of this file could be read; first problem: line ${parsed.skipped[0]?.line}: ${parsed.skipped[0]?.message}`,
      { details: parsed.skipped.slice(0, 100) },
    );
  return parsed;
}
