import { normalizeKeyword } from '../keywords/normalize-keyword';
import { parseTable } from './parse-table';
import { EMPTY_ROW, type ParsedImport } from './types';

/**
 * Amazon Brand Analytics "Top Search Terms" export (Seller Central CSV): a title line with the
 * reporting range, then `Search Frequency Rank,Search Term,...` with one row per term.
 */
export function parseBrandAnalytics(text: string): ParsedImport {
  const table = parseTable(
    text,
    (cells) => cells.includes('Search Frequency Rank') && cells.includes('Search Term'),
    'an Amazon Brand Analytics search terms report',
  );
  const out: ParsedImport = { rows: [], skipped: [] };
  for (const { line, cells } of table) {
    const rank = Number(cells['Search Frequency Rank']);
    const keyword = normalizeKeyword(cells['Search Term'] ?? '');
    if (!Number.isInteger(rank) || rank < 1) {
      out.skipped.push({
        line,
        message: `search frequency rank "${cells['Search Frequency Rank']}" is not a whole number from 1`,
      });
      continue;
    }
    if (!keyword) {
      out.skipped.push({ line, message: 'empty search term' });
      continue;
    }
    out.rows.push({ ...EMPTY_ROW, line, keyword, platform: 'amazon', searchFrequencyRank: rank });
  }
  return out;
}
