import { PLATFORMS } from '@digitallz/contracts';
import { normalizeKeyword } from '../keywords/normalize-keyword';
import { parseTable } from './parse-table';
import { EMPTY_ROW, type ImportedRow, type ParsedImport } from './types';

/** A plain `keyword,platform,volume` CSV: a seller's own figures. */
export function parseVolumeCsv(text: string): ParsedImport {
  const table = parseTable(
    text,
    (cells) =>
      ['keyword', 'platform', 'volume'].every((c) => cells.map((x) => x.toLowerCase()).includes(c)),
    'a keyword,platform,volume CSV',
    1,
  );
  const out: ParsedImport = { rows: [], skipped: [] };
  for (const { line, cells } of table) {
    const lower = Object.fromEntries(Object.entries(cells).map(([k, v]) => [k.toLowerCase(), v]));
    const keyword = normalizeKeyword(lower.keyword ?? '');
    const platform = (lower.platform ?? '').trim().toLowerCase();
    const volume = Number((lower.volume ?? '').trim());
    if (!keyword) out.skipped.push({ line, message: 'empty keyword' });
    else if (!(PLATFORMS as readonly string[]).includes(platform))
      out.skipped.push({
        line,
        message: `platform "${lower.platform}" is not one of ${PLATFORMS.join(', ')}`,
      });
    else if ((lower.volume ?? '').trim() === '' || !Number.isInteger(volume) || volume < 0)
      out.skipped.push({ line, message: `volume "${lower.volume}" is not a whole number from 0` });
    else
      out.rows.push({
        ...EMPTY_ROW,
        line,
        keyword,
        platform: platform as ImportedRow['platform'],
        volume,
      });
  }
  return out;
}
