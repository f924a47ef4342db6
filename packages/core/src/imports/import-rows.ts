import { type Db, sql } from '@digitallz/db';
import { AppError } from '../errors';
import { readImport, unreadable } from './parse-import';
import type { ImportedRow, ImportKind, Pieces, SkippedRow } from './types';

export type ImportedCounts = {
  imported: number;
  skippedCount: number;
  /** The first 100 skipped rows, with their line numbers. */
  skipped: SkippedRow[];
  /** Marketplace platforms with rows (their cached searches must show the new keywords). */
  platforms: string[];
};

const BATCH = 1_000;
const MAX_KEYWORD = 200;

/**
 * Writes a report's readable rows for the import `importId`, inside the caller's transaction `tx`:
 * they go to imported_metrics (calibration and user data), their marketplace keywords become
 * known keywords to collect; bad rows are counted and skipped. A file that is not what it claims,
 * or none of whose rows could be read, throws (the caller's transaction then writes nothing).
 * The import is marked completed with its counts (and the time it ends: not `now()`, which is
 * when the transaction began). Imported marketplace volumes make the
 * platform's estimates pending: the compute sweep recalibrates on them. The report is read and
 * written `BATCH` rows at a time, so that its size bounds the time it takes, not the memory.
 */
export async function importRows(
  tx: Db,
  input: {
    importId: number;
    kind: ImportKind;
    marketplace: string;
    bytes: Uint8Array | Pieces<Uint8Array>;
  },
): Promise<ImportedCounts> {
  const { importId: id, marketplace } = input;
  let imported = 0;
  let skippedCount = 0;
  const skipped: SkippedRow[] = [];
  const skip = (row: SkippedRow) => {
    skippedCount++;
    if (skipped.length < 100) skipped.push(row);
  };
  const platforms = new Set<string>();
  /** Platforms with volumes (their estimates recalibrate). */
  const calibrating = new Set<string>();
  const write = async (batch: ImportedRow[]) => {
    await tx.execute(sql`
      insert into imported_metrics (import_id, keyword, platform, marketplace, line, volume, volume_low, volume_high,
                                    search_frequency_rank, competition, bid_low, bid_high, monthly)
      select ${id}::bigint, r.keyword, r.platform, ${marketplace}, r.line, r.volume, r.volume_low, r.volume_high,
             r.search_frequency_rank, r.competition, r.bid_low, r.bid_high, r.monthly
      from jsonb_to_recordset(${JSON.stringify(batch.map(toRecord))}::jsonb) as r(
        keyword text, platform text, line int, volume int, volume_low int, volume_high int,
        search_frequency_rank int, competition real, bid_low numeric, bid_high numeric, monthly jsonb)`);
    const known = batch.filter((r) => r.platform !== 'google');
    if (known.length === 0) return;
    await tx.execute(sql`
      insert into keyword_data (keyword, platform, marketplace, source)
      select distinct r.keyword, r.platform, ${marketplace}, 'import'
      from jsonb_to_recordset(${JSON.stringify(known.map((r) => ({ keyword: r.keyword, platform: r.platform })))}::jsonb)
        as r(keyword text, platform text)
      order by r.platform, r.keyword
      on conflict on constraint keyword_data_platform_marketplace_keyword_key do nothing`);
  };
  let batch: ImportedRow[] = [];
  for await (const line of readImport(input.kind, input.bytes)) {
    if (!('row' in line)) {
      skip(line.skipped);
      continue;
    }
    const { row } = line;
    if (row.keyword.length > MAX_KEYWORD) {
      skip({ line: row.line, message: `keyword longer than ${MAX_KEYWORD} characters` });
      continue;
    }
    imported++;
    if (row.platform !== 'google') {
      platforms.add(row.platform);
      if (row.volume !== null) calibrating.add(row.platform);
    }
    batch.push(row);
    if (batch.length === BATCH) {
      await write(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await write(batch);
  // Nothing readable: the file is refused and nothing stays written.
  if (imported === 0 && skippedCount > 0) throw unreadable(skipped);
  await tx.execute(sql`
    update keyword_imports set status = 'completed', rows_imported = ${imported},
      rows_skipped = ${skippedCount}, skipped = ${JSON.stringify(skipped)}::jsonb, error = null,
      finished_at = clock_timestamp()
    where id = ${id}`);
  // Known volumes recalibrate the model: the platform's estimates are recomputed by the next sweep.
  if (calibrating.size > 0)
    await tx.execute(sql`
      update keyword_data set estimates = estimates - 'basedOn'
      where marketplace = ${marketplace} and estimates ? 'basedOn'
        and platform in (select jsonb_array_elements_text(${JSON.stringify([...calibrating])}::jsonb))`);
  return { imported, skippedCount, skipped, platforms: [...platforms] };
}

function toRecord(r: ImportedRow) {
  return {
    keyword: r.keyword,
    platform: r.platform,
    line: r.line,
    volume: r.volume,
    volume_low: r.volumeLow,
    volume_high: r.volumeHigh,
    search_frequency_rank: r.searchFrequencyRank,
    competition: r.competition,
    bid_low: r.bidLow,
    bid_high: r.bidHigh,
    monthly: r.monthly,
  };
}

/** The marketplace an import is for: a two-letter country code, upper case (US by default). */
export function importMarketplace(marketplace: string | undefined): string {
  const code = (marketplace ?? 'US').toUpperCase();
  if (!/^[A-Z]{2}$/.test(code))
    throw new AppError(
      'VALIDATION_FAILED',
      `Marketplace "${marketplace}" is not a two-letter country code`,
    );
  return code;
}
