import { normalizeKeyword } from '../keywords/normalize-keyword';
import { readTable } from './parse-table';
import { EMPTY_ROW, type ImportLine } from './types';

/**
 * Amazon Brand Analytics "Top Search Terms" export (Seller Central CSV): a title line with the
 * reporting range, then `Search Frequency Rank,Search Term,...` with one row per term.
 */
export async function* readBrandAnalytics(text: AsyncIterable<string>): AsyncGenerator<ImportLine> {
  const table = readTable(
    text,
    (cells) => cells.includes('Search Frequency Rank') && cells.includes('Search Term'),
    'an Amazon Brand Analytics search terms report',
  );
  for await (const { line, cells } of table) {
    const rank = Number(cells['Search Frequency Rank']);
    const keyword = normalizeKeyword(cells['Search Term'] ?? '');
    if (!Number.isInteger(rank) || rank < 1) {
      yield {
        skipped: {
          line,
          message: `search frequency rank "${cells['Search Frequency Rank']}" is not a whole number from 1`,
        },
      };
      continue;
    }
    if (!keyword) {
      yield { skipped: { line, message: 'empty search term' } };
      continue;
    }
    yield { row: { ...EMPTY_ROW, line, keyword, platform: 'amazon', searchFrequencyRank: rank } };
  }
}
