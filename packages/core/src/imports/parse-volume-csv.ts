import { PLATFORMS } from '@digitallz/contracts';
import { normalizeKeyword } from '../keywords/normalize-keyword';
import { readTable } from './parse-table';
import { EMPTY_ROW, type ImportedRow, type ImportLine } from './types';

/** A plain `keyword,platform,volume` CSV: a seller's own figures. */
export async function* readVolumeCsv(text: AsyncIterable<string>): AsyncGenerator<ImportLine> {
  const table = readTable(
    text,
    (cells) =>
      ['keyword', 'platform', 'volume'].every((c) => cells.map((x) => x.toLowerCase()).includes(c)),
    'a keyword,platform,volume CSV',
    1,
  );
  for await (const { line, cells } of table) {
    const lower = Object.fromEntries(Object.entries(cells).map(([k, v]) => [k.toLowerCase(), v]));
    const keyword = normalizeKeyword(lower.keyword ?? '');
    const platform = (lower.platform ?? '').trim().toLowerCase();
    const volume = Number((lower.volume ?? '').trim());
    if (!keyword) yield { skipped: { line, message: 'empty keyword' } };
    else if (!(PLATFORMS as readonly string[]).includes(platform))
      yield {
        skipped: {
          line,
          message: `platform "${lower.platform}" is not one of ${PLATFORMS.join(', ')}`,
        },
      };
    else if ((lower.volume ?? '').trim() === '' || !Number.isInteger(volume) || volume < 0)
      yield {
        skipped: { line, message: `volume "${lower.volume}" is not a whole number from 0` },
      };
    else
      yield {
        row: {
          ...EMPTY_ROW,
          line,
          keyword,
          platform: platform as ImportedRow['platform'],
          volume,
        },
      };
  }
}
