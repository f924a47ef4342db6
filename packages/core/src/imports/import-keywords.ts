import { type Db, queryRows, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { bumpDataVersion } from '../keywords/data-version';
import { importMarketplace, importRows } from './import-rows';
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

/**
 * Imports a report at once, in one transaction (the operator's CLI; uploads to the API are
 * imported by a job, `createImport`): its rows are written by `importRows`, and a file that is
 * not what it claims writes nothing. With a cache, the platforms' data versions move once the
 * import is written.
 */
export async function importKeywords(
  deps: { db: Db; cache?: Cache },
  input: ImportKeywordsInput,
): Promise<ImportKeywordsResult> {
  const marketplace = importMarketplace(input.marketplace);
  const { importId, counts } = await deps.db.transaction(async (tx) => {
    const [created] = await queryRows<{ id: number }>(
      tx as unknown as Db,
      sql`insert into keyword_imports (owner_id, kind, filename, marketplace, rows_imported, rows_skipped, bytes, status)
          values (${input.ownerId ?? null}::uuid, ${input.kind}, ${input.filename ?? null}, ${marketplace}, 0, 0,
                  ${input.bytes.length}, 'running')
          returning id::int as id`,
    );
    const importId = created?.id as number;
    // Every write in this one transaction: a file that is not what it claims writes nothing.
    const counts = await importRows((write) => write(tx as unknown as Db), {
      importId,
      kind: input.kind,
      marketplace,
      bytes: input.bytes,
    });
    return { importId, counts };
  });
  // New keywords of these platforms: cached searches must not hide them.
  if (deps.cache)
    for (const platform of counts.platforms) await bumpDataVersion(deps.cache, platform);
  const { imported, skippedCount, skipped } = counts;
  return { importId, kind: input.kind, imported, skippedCount, skipped };
}
