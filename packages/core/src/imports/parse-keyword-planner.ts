import { normalizeKeyword } from '../keywords/normalize-keyword';
import { readNumber } from './parse-table';
import { importedRow, type ReportReader } from './types';

const MONTHS: Record<string, string> = {
  Jan: '01',
  Feb: '02',
  Mar: '03',
  Apr: '04',
  May: '05',
  Jun: '06',
  Jul: '07',
  Aug: '08',
  Sep: '09',
  Oct: '10',
  Nov: '11',
  Dec: '12',
};
const COMPETITION: Record<string, number> = { low: 0.2, medium: 0.5, high: 0.8 };

/** "1K – 10K" (accounts without spend see ranges) -> [1000, 10000]; "880" -> [880, 880]. */
function readVolume(text: string | undefined): [number, number] | null | 'bad' {
  const t = (text ?? '').trim();
  if (t === '' || t === '--') return null;
  const scaled = (part: string) => {
    const m = /^([\d.,]+)\s*([KM]?)$/i.exec(part.trim());
    if (!m) return Number.NaN;
    const unit =
      (m[2] ?? '').toUpperCase() === 'K' ? 1e3 : (m[2] ?? '').toUpperCase() === 'M' ? 1e6 : 1;
    return Number((m[1] as string).replace(/,/g, '')) * unit;
  };
  const parts = t.split(/\s*[–-]\s*/);
  const values = parts.map(scaled);
  if (values.some((v) => !Number.isFinite(v) || v < 0) || values.length > 2) return 'bad';
  return [values[0] as number, (values[1] ?? values[0]) as number];
}

/**
 * Google Ads Keyword Planner "Keyword Stats" export, as Google writes it (UTF-16 tab-separated,
 * two title lines) or as UTF-8 CSV. Columns named as in Google's export: Keyword, Avg. monthly
 * searches, Competition, Competition (indexed value), Top of page bid (low range), Top of page bid
 * (high range), and one "Searches: Mon YYYY" column per month.
 */
export const KEYWORD_PLANNER: ReportReader = {
  what: 'a Google Keyword Planner export',
  isHeader: (cells) => cells.includes('Keyword') && cells.includes('Avg. monthly searches'),
  line: (cells, line) => {
    const keyword = normalizeKeyword(cells.Keyword ?? '');
    if (!keyword) return { skipped: { line, message: 'empty keyword' } };
    const volume = readVolume(cells['Avg. monthly searches']);
    if (volume === 'bad')
      return {
        skipped: {
          line,
          message: `avg. monthly searches "${cells['Avg. monthly searches']}" is not a number or range`,
        },
      };
    const indexed = readNumber(cells['Competition (indexed value)']);
    const bidLow = readNumber(cells['Top of page bid (low range)']);
    const bidHigh = readNumber(cells['Top of page bid (high range)']);
    if ([indexed, bidLow, bidHigh].some((n) => Number.isNaN(n)))
      return { skipped: { line, message: 'a competition or bid cell is not a number' } };
    const monthly: Record<string, number> = {};
    for (const [column, value] of Object.entries(cells)) {
      const m = /^Searches: (\w{3}) (\d{4})$/.exec(column);
      const n = readNumber(value);
      if (m && MONTHS[m[1] as string] && n !== null && !Number.isNaN(n))
        monthly[`${m[2]}-${MONTHS[m[1] as string]}`] = n;
    }
    const level = COMPETITION[(cells.Competition ?? '').trim().toLowerCase()];
    const row = importedRow({
      line,
      keyword,
      platform: 'google',
      volume: volume ? Math.round(Math.sqrt(volume[0] * Math.max(volume[0], volume[1]))) : null,
      volumeLow: volume ? volume[0] : null,
      volumeHigh: volume ? volume[1] : null,
      competition: indexed !== null ? indexed / 100 : (level ?? null),
      bidLow,
      bidHigh,
      monthly: Object.keys(monthly).length ? monthly : null,
    });
    return { row };
  },
};
