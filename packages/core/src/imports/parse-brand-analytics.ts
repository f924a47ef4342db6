import { normalizeKeyword } from '../keywords/normalize-keyword';
import { importedRow, type ReportReader } from './types';

/**
 * Amazon Brand Analytics "Top Search Terms" export (Seller Central CSV): a title line with the
 * reporting range, then `Search Frequency Rank,Search Term,...` with one row per term.
 */
export const BRAND_ANALYTICS: ReportReader = {
  what: 'an Amazon Brand Analytics search terms report',
  isHeader: (cells) => cells.includes('Search Frequency Rank') && cells.includes('Search Term'),
  line: (cells, line) => {
    const rank = Number(cells['Search Frequency Rank']);
    const keyword = normalizeKeyword(cells['Search Term'] ?? '');
    if (!Number.isInteger(rank) || rank < 1)
      return {
        skipped: {
          line,
          message: `search frequency rank "${cells['Search Frequency Rank']}" is not a whole number from 1`,
        },
      };
    if (!keyword) return { skipped: { line, message: 'empty search term' } };
    return { row: importedRow({ line, keyword, platform: 'amazon', searchFrequencyRank: rank }) };
  },
};
