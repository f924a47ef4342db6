import { PLATFORMS } from '@digitallz/contracts';
import { normalizeKeyword } from '../keywords/normalize-keyword';
import { type ImportedRow, importedRow, type ReportReader } from './types';

/** A plain `keyword,platform,volume` CSV: a seller's own figures (its column names in any case). */
export const VOLUME_CSV: ReportReader = {
  what: 'a keyword,platform,volume CSV',
  isHeader: (cells) =>
    ['keyword', 'platform', 'volume'].every((c) => cells.map((x) => x.toLowerCase()).includes(c)),
  searchLines: 1,
  columnName: (name) => name.toLowerCase(),
  line: (cells, line) => {
    const keyword = normalizeKeyword(cells.keyword ?? '');
    const platform = (cells.platform ?? '').trim().toLowerCase();
    const rawVolume = (cells.volume ?? '').trim();
    const volume = Number(rawVolume);
    if (!keyword) return { skipped: { line, message: 'empty keyword' } };
    if (!(PLATFORMS as readonly string[]).includes(platform))
      return {
        skipped: {
          line,
          message: `platform "${cells.platform}" is not one of ${PLATFORMS.join(', ')}`,
        },
      };
    if (rawVolume === '' || !Number.isInteger(volume) || volume < 0)
      return {
        skipped: { line, message: `volume "${cells.volume}" is not a whole number from 0` },
      };
    return {
      row: importedRow({ line, keyword, platform: platform as ImportedRow['platform'], volume }),
    };
  },
};
