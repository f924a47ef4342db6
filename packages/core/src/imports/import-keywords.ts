import { type Db, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { AppError } from '../errors';
import { bumpDataVersion } from '../keywords/data-version';
import { parseImport } from './parse-import';
import type { ImportKind, SkippedRow } from './types';

export type ImportKeywordsInput = {
  /** The user who uploaded the report (null: an operator's import from the CLI). */
  ownerId?: string | null;
  kind: ImportKind;
  bytes: Uint8Array;
  filename?: string;
  marketplace?: string;
};

export type ImportKeywordsResult = {
  importId: number;
  kind: ImportKind;
  imported: number;
  skippedCount: number;
  /** The first 100 skipped rows, with their line numbers. */
  skipped: SkippedRow[];
};

const BATCH = 1_000;
const MAX_KEYWORD = 200;

/**
 * Imports a report in one transaction: its readable rows go to imported_metrics (calibration and
 * user data), their marketplace keywords become known keywords to collect; bad rows are reported
 * with their line numbers and skipped. A file that is not what it claims writes nothing. Imported
 * marketplace volumes make the platform's estimates pending: the compute sweep recalibrates on them.
 * With a cache, the platforms' data versions move once the import is written.
 */
export async function importKeywords(
  deps: { db: Db; cache?: Cache },
  input: ImportKeywordsInput,
): Promise<ImportKeywordsResult> {
  const marketplace = (input.marketplace ?? 'US').toUpperCase();
  if (!/^[A-Z]{2}$/.test(marketplace))
    throw new AppError(
      'VALIDATION_FAILED',
      `Marketplace "${input.marketplace}" is not a two-letter country code`,
    );
  const parsed = parseImport(input.kind, input.bytes);
  const skipped = [...parsed.skipped];
  const rows = parsed.rows.filter((r) => {
    if (r.keyword.length <= MAX_KEYWORD) return true;
    skipped.push({ line: r.line, message: `keyword longer than ${MAX_KEYWORD} characters` });
    return false;
  });
  skipped.sort((a, b) => a.line - b.line);

  const importId = await deps.db.transaction(async (tx) => {
    const created = (await tx.execute(sql`
      insert into keyword_imports (owner_id, kind, filename, marketplace, rows_imported, rows_skipped, skipped)
      values (${input.ownerId ?? null}::uuid, ${input.kind}, ${input.filename ?? null}, ${marketplace}, ${rows.length}, ${skipped.length},
              ${JSON.stringify(skipped.slice(0, 100))}::jsonb)
      returning id::int as id`)) as unknown as { rows: { id: number }[] };
    const id = created.rows[0]?.id as number;
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await tx.execute(sql`
        insert into imported_metrics (import_id, keyword, platform, marketplace, line, volume, volume_low, volume_high,
                                      search_frequency_rank, competition, bid_low, bid_high, monthly)
        select ${id}::bigint, r.keyword, r.platform, ${marketplace}, r.line, r.volume, r.volume_low, r.volume_high,
               r.search_frequency_rank, r.competition, r.bid_low, r.bid_high, r.monthly
        from jsonb_to_recordset(${JSON.stringify(batch.map(toRecord))}::jsonb) as r(
          keyword text, platform text, line int, volume int, volume_low int, volume_high int,
          search_frequency_rank int, competition real, bid_low numeric, bid_high numeric, monthly jsonb)`);
      const known = batch.filter((r) => r.platform !== 'google');
      if (known.length === 0) continue;
      await tx.execute(sql`
        insert into keyword_data (keyword, platform, marketplace, source)
        select distinct r.keyword, r.platform, ${marketplace}, 'import'
        from jsonb_to_recordset(${JSON.stringify(known.map((r) => ({ keyword: r.keyword, platform: r.platform })))}::jsonb)
          as r(keyword text, platform text)
        order by r.platform, r.keyword
        on conflict on constraint keyword_data_platform_marketplace_keyword_key do nothing`);
    }
    // Known volumes recalibrate the model: the platform's estimates are recomputed by the next sweep.
    const calibrating = [
      ...new Set(
        rows.filter((r) => r.volume !== null && r.platform !== 'google').map((r) => r.platform),
      ),
    ];
    if (calibrating.length > 0)
      await tx.execute(sql`
        update keyword_data set estimates = estimates - 'basedOn'
        where marketplace = ${marketplace} and estimates ? 'basedOn'
          and platform in (select jsonb_array_elements_text(${JSON.stringify(calibrating)}::jsonb))`);
    return id;
  });
  // New keywords of these platforms: cached searches must not hide them.
  if (deps.cache)
    for (const platform of new Set(rows.map((r) => r.platform).filter((p) => p !== 'google')))
      await bumpDataVersion(deps.cache, platform);
  return {
    importId,
    kind: input.kind,
    imported: rows.length,
    skippedCount: skipped.length,
    skipped: skipped.slice(0, 100),
  };
}

function toRecord(r: ReturnType<typeof parseImport>['rows'][number]) {
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
