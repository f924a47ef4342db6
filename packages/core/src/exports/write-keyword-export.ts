import { PassThrough, Readable } from 'node:stream';
import type { ExportFormat, KeywordSummary } from '@digitallz/contracts';
import { stringify } from 'csv-stringify';

/** The columns of every keyword export, in order, with their headers. */
const COLUMNS: [keyof KeywordSummary, string][] = [
  ['keyword', 'Keyword'],
  ['platform', 'Platform'],
  ['marketplace', 'Marketplace'],
  ['searchVolume', 'Monthly searches'],
  ['volumeLow', 'Searches (80% low)'],
  ['volumeHigh', 'Searches (80% high)'],
  ['competition', 'Competition (0-1)'],
  ['cpc', 'CPC (USD)'],
  ['difficulty', 'Difficulty'],
  ['opportunity', 'Opportunity'],
  ['listingCount', 'Competing listings'],
  ['yearlyChangePct', 'Change in a year (%)'],
  ['isDemo', 'Demo data'],
  ['lastUpdated', 'Last updated'],
];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

const cells = (k: KeywordSummary) => COLUMNS.map(([key]) => k[key]);

/**
 * Streams keywords as CSV (with a BOM, so spreadsheets read UTF-8), XLSX or a JSON array: rows
 * are written as they come, so an export of 100,000 keywords never sits in memory.
 */
export function writeKeywordExport(
  rows: AsyncIterable<KeywordSummary>,
  format: ExportFormat,
): Readable {
  if (format === 'csv') {
    const csv = stringify({
      header: true,
      columns: COLUMNS.map(([, header]) => header),
      bom: true,
    });
    const source = Readable.from(mapRows(rows, cells));
    source.on('error', (error) => csv.destroy(error));
    source.pipe(csv);
    return csv;
  }
  if (format === 'json') return Readable.from(jsonArray(rows));
  const out = new PassThrough();
  void writeXlsx(rows, out).catch((error) => out.destroy(error));
  return out;
}

async function* mapRows<T>(rows: AsyncIterable<KeywordSummary>, map: (k: KeywordSummary) => T) {
  for await (const row of rows) yield map(row);
}

async function* jsonArray(rows: AsyncIterable<KeywordSummary>) {
  let first = true;
  yield '[';
  for await (const row of rows) {
    yield `${first ? '' : ','}\n${JSON.stringify(row)}`;
    first = false;
  }
  yield '\n]\n';
}

async function writeXlsx(rows: AsyncIterable<KeywordSummary>, out: PassThrough) {
  // Loaded on the first XLSX export: the library and its zip writers are tens of MB that a
  // process serving searches never needs.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Keywords');
  sheet.columns = COLUMNS.map(([key, header]) => ({
    key,
    header,
    width: key === 'keyword' ? 40 : 16,
  }));
  for await (const row of rows) sheet.addRow(cells(row)).commit();
  sheet.commit();
  await workbook.commit();
}
