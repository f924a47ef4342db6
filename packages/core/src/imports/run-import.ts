import { type Db, queryRows, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { AppError, JOB_RETRYABLE_CODES } from '../errors';
import type { JobQueue } from '../jobs/job-queue';
import { bumpDataVersion } from '../keywords/data-version';
import { dropImportedRows } from './drop-imported-rows';
import { emitImportEvent, type ImportOwner } from './import-events';
import { setImportProgress } from './import-progress';
import { checkImport, type ImportWriter, importRows } from './import-rows';

/**
 * How much of an import's work the check of the whole file is (the rest is writing it): a share
 * of its progress. BENCHMARKS.md (bench:import, session 24): parsing 50 MB of CSV takes about
 * 19 s of a 171 s import on PostgreSQL, a larger share embedded.
 */
const CHECK_SHARE = 0.15;

/** Another run of the job claimed the import since this one did: this one stops. */
class Superseded extends Error {}

/**
 * The import job. It claims the import (one more `run`: an earlier run still going stops at its
 * next write), reads the upload back a piece at a time and checks it whole, writing nothing
 * (`checkImport`), then reads it again and writes it a batch at a time, each batch in a short
 * transaction of its own (`importRows`): PGlite's one connection serves the app's other queries
 * between them, and PostgreSQL holds no transaction open for minutes. Nobody reads the rows before
 * the last write marks the import completed; its progress is in the cache as it goes.
 * A file refused on its content (a binary part, no readable line) fails the import for good:
 * nothing is written, the import says why and its upload is dropped. Any other failure drops the
 * rows written so far (if it can) and leaves the import queued, its upload kept, for the job's
 * next attempt or an administrator's replay (each drops a failed run's rows before writing).
 * A finished import is not imported again. An import the job gave up on (`abandonImport`) kept
 * its upload: a replay imports it still.
 */
export async function runImport(
  deps: { db: Db; cache: Cache; enqueue?: JobQueue['enqueue'] },
  input: { importId: number },
): Promise<{ status: 'completed' | 'failed' | 'done already'; imported?: number }> {
  const id = input.importId;
  const [claimed] = await queryRows<ImportOwner & { run: number; bytes: number }>(
    deps.db,
    sql`update keyword_imports set status = 'running', error = null, finished_at = null, run = run + 1
        where id = ${id}
          and (status in ('queued', 'running')
               or (status = 'failed' and exists (select 1 from keyword_import_uploads u where u.import_id = ${id})))
        returning kind, marketplace, owner_id::text as owner_id, filename, run, bytes::float8 as bytes`,
  );
  if (!claimed) return { status: 'done already' };
  const { run, bytes } = claimed;
  /** A write in its own transaction, while the import is still this run's. */
  const write: ImportWriter = (apply) =>
    deps.db.transaction(async (tx) => {
      const [mine] = await queryRows<{ run: number }>(
        tx as unknown as Db,
        sql`select run from keyword_imports where id = ${id} and run = ${run} and status = 'running' for share`,
      );
      if (!mine) throw new Superseded();
      return apply(tx as unknown as Db);
    });
  const progress = (done: number) => setImportProgress(deps.cache, id, Math.round(done));
  await progress(0);
  let counts: Awaited<ReturnType<typeof importRows>>;
  try {
    await checkImport(
      claimed.kind,
      storedUpload(deps.db, id, (read) => progress(read * CHECK_SHARE)),
    );
    // What a run before this one wrote and could not drop.
    await dropImportedRows(write, id);
    counts = await importRows(write, {
      importId: id,
      kind: claimed.kind,
      marketplace: claimed.marketplace,
      bytes: storedUpload(deps.db, id, (read) =>
        progress(bytes * CHECK_SHARE + read * (1 - CHECK_SHARE)),
      ),
      finish: async (tx) => {
        await tx.execute(sql`delete from keyword_import_uploads where import_id = ${id}`);
      },
    });
  } catch (error) {
    if (error instanceof Superseded) return { status: 'done already' };
    if (!(error instanceof AppError) || JOB_RETRYABLE_CODES.has(error.code)) {
      await dropImportedRows(write, id).catch(() => {});
      await deps.db.execute(
        sql`update keyword_imports set status = 'queued' where id = ${id} and run = ${run} and status = 'running'`,
      );
      throw error;
    }
    if (await refuse(deps.db, id, run, error))
      await emitImportEvent(deps, claimed, id, { type: 'import.failed', reason: error.message });
    throw error;
  }
  // New keywords of these platforms: cached searches must not hide them.
  for (const platform of counts.platforms) await bumpDataVersion(deps.cache, platform);
  await emitImportEvent(deps, claimed, id, {
    type: 'import.completed',
    counts: { imported: counts.imported, skipped: counts.skippedCount },
  });
  return { status: 'completed', imported: counts.imported };
}

/** The upload's pieces in order, read one at a time; `onRead` is told the bytes read so far. */
async function* storedUpload(
  db: Db,
  importId: number,
  onRead: (bytes: number) => Promise<void>,
): AsyncGenerator<Uint8Array> {
  let read = 0;
  for (let seq = 0; ; seq++) {
    const [piece] = await queryRows<{ data: Uint8Array }>(
      db,
      sql`select data from keyword_import_uploads where import_id = ${importId} and seq = ${seq}`,
    );
    if (!piece) return;
    read += piece.data.length;
    await onRead(read);
    yield piece.data;
  }
}

/**
 * The import failed for good: it says why, and its upload is dropped (its run wrote no row: the
 * file is checked whole first). False when another run holds the import now.
 */
async function refuse(db: Db, importId: number, run: number, error: AppError): Promise<boolean> {
  const reason = {
    code: error.code,
    message: error.message,
    ...(Array.isArray(error.details) ? { details: error.details.slice(0, 100) } : {}),
  };
  return db.transaction(async (tx) => {
    const failed = await queryRows<{ id: number }>(
      tx as unknown as Db,
      sql`update keyword_imports set status = 'failed', error = ${JSON.stringify(reason)}::jsonb, finished_at = now()
          where id = ${importId} and run = ${run} and status = 'running'
          returning id::int as id`,
    );
    if (failed.length === 0) return false;
    await tx.execute(sql`delete from keyword_import_uploads where import_id = ${importId}`);
    return true;
  });
}
