import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Db, sql } from '@digitallz/db';
import { AppError } from '../errors';
import { readImport, unreadable } from './parse-import';
import type { ImportedRow, ImportKind, ImportLine, Pieces, SkippedRow } from './types';

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
 * Runs one short write of an import in a transaction, resolving to what `write` returned: the
 * job's each in its own transaction (other queries run between them: PGlite has one connection),
 * the CLI's all in its one transaction.
 */
export type ImportWriter = <T>(write: (tx: Db) => Promise<T>) => Promise<T>;

/**
 * A report's lines as the import takes them, a batch at a time (`readImport`'s): its readable rows,
 * and the lines it skips. Before each batch it lets the event loop run (other requests, on
 * PGlite): parsing and PGlite's queries only ever resolve promises, never waiting for I/O, and
 * without these turns an import would hold the embedded API's HTTP requests and timers until its
 * end.
 */
export async function* importLines(
  kind: ImportKind,
  bytes: Uint8Array | Pieces<Uint8Array>,
): AsyncGenerator<ImportLine[]> {
  for await (const lines of readImport(kind, bytes)) {
    await nextTurn();
    yield lines.map((line) =>
      'row' in line && line.row.keyword.length > MAX_KEYWORD
        ? {
            skipped: {
              line: line.row.line,
              message: `keyword longer than ${MAX_KEYWORD} characters`,
            },
          }
        : line,
    );
  }
}

/**
 * Reads a whole report, writing nothing: throws if it is not what it claims (a binary part, say,
 * however far on) or none of its rows could be read. The job checks a report so before it writes
 * any of it, a batch at a time.
 */
export async function checkImport(
  kind: ImportKind,
  bytes: Uint8Array | Pieces<Uint8Array>,
): Promise<void> {
  let readable = false;
  const skipped: SkippedRow[] = [];
  for await (const lines of importLines(kind, bytes))
    for (const line of lines) {
      if ('row' in line) readable = true;
      else if (skipped.length < 100) skipped.push(line.skipped);
    }
  if (!readable && skipped.length > 0) throw unreadable(skipped);
}

/**
 * Writes a report's readable rows for the import `importId`, `BATCH` rows at a time, each batch
 * through `write` (so that the report's size bounds the time it takes, not the memory): they go
 * to imported_metrics (calibration and user data), their marketplace keywords become known
 * keywords to collect; bad rows are counted and skipped. A file that is not what it claims, or
 * none of whose rows could be read, throws. The last write marks the import completed with its
 * counts and the time it ends, and runs `finish` (the job drops the upload there). Imported
 * marketplace volumes make the platform's estimates pending: the compute sweep recalibrates on
 * them. Nobody reads an import's rows before it is completed (`imported_metrics` readers join
 * completed imports).
 */
export async function importRows(
  write: ImportWriter,
  input: {
    importId: number;
    kind: ImportKind;
    marketplace: string;
    bytes: Uint8Array | Pieces<Uint8Array>;
    finish?: (tx: Db) => Promise<void>;
  },
): Promise<ImportedCounts> {
  const { importId: id, marketplace } = input;
  let imported = 0;
  let skippedCount = 0;
  const skipped: SkippedRow[] = [];
  const platforms = new Set<string>();
  /** Platforms with volumes (their estimates recalibrate). */
  const calibrating = new Set<string>();
  let batch: ImportedRow[] = [];
  for await (const lines of importLines(input.kind, input.bytes))
    for (const line of lines) {
      if (!('row' in line)) {
        skippedCount++;
        if (skipped.length < 100) skipped.push(line.skipped);
        continue;
      }
      const { row } = line;
      imported++;
      if (row.platform !== 'google') {
        platforms.add(row.platform);
        if (row.volume !== null) calibrating.add(row.platform);
      }
      batch.push(row);
      if (batch.length === BATCH) {
        const rows = batch;
        await write((tx) => writeBatch(tx, id, marketplace, rows));
        batch = [];
      }
    }
  if (batch.length > 0) {
    const rows = batch;
    await write((tx) => writeBatch(tx, id, marketplace, rows));
  }
  // Nothing readable: the file is refused.
  if (imported === 0 && skippedCount > 0) throw unreadable(skipped);
  await write(async (tx) => {
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
    await input.finish?.(tx);
  });
  return { imported, skippedCount, skipped, platforms: [...platforms] };
}

async function writeBatch(tx: Db, id: number, marketplace: string, batch: ImportedRow[]) {
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
