import { type Db, queryRows, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { AppError, JOB_RETRYABLE_CODES } from '../errors';
import type { JobQueue } from '../jobs/job-queue';
import { bumpDataVersion } from '../keywords/data-version';
import { emitImportEvent, type ImportOwner } from './import-events';
import { setImportProgress } from './import-progress';
import { importRows } from './import-rows';

/**
 * The import job: reads the upload back a piece at a time and imports it in one transaction
 * (`importRows`), its progress in the cache as it goes. A file refused on its content (a binary
 * part, no readable line) fails the import for good: nothing is written, the import says why and
 * its upload is dropped. Any other failure leaves the import queued, its upload kept, for the
 * job's next attempt (or an administrator's replay). Runs once per import: a finished import is
 * not imported again, and a second run at the same time waits for the first and finds it done.
 * An import the job gave up on (`abandonImport`) kept its upload: a replay imports it still.
 */
export async function runImport(
  deps: { db: Db; cache: Cache; enqueue?: JobQueue['enqueue'] },
  input: { importId: number },
): Promise<{ status: 'completed' | 'failed' | 'done already'; imported?: number }> {
  const id = input.importId;
  const [claimed] = await queryRows<ImportOwner>(
    deps.db,
    sql`update keyword_imports set status = 'running', error = null, finished_at = null
        where id = ${id}
          and (status in ('queued', 'running')
               or (status = 'failed' and exists (select 1 from keyword_import_uploads u where u.import_id = ${id})))
        returning kind, marketplace, owner_id::text as owner_id, filename`,
  );
  if (!claimed) return { status: 'done already' };
  await setImportProgress(deps.cache, id, 0);
  let counts: Awaited<ReturnType<typeof importRows>> | null;
  try {
    counts = await deps.db.transaction(async (tx) => {
      // Held until the import commits: a second run of this job waits here, then finds it done.
      const [mine] = await queryRows<{ status: string }>(
        tx as unknown as Db,
        sql`select status from keyword_imports where id = ${id} for update`,
      );
      if (mine?.status !== 'running') return null;
      const counts = await importRows(tx as unknown as Db, {
        importId: id,
        kind: claimed.kind,
        marketplace: claimed.marketplace,
        bytes: storedUpload(tx as unknown as Db, id, (read) =>
          setImportProgress(deps.cache, id, read),
        ),
      });
      await tx.execute(sql`delete from keyword_import_uploads where import_id = ${id}`);
      return counts;
    });
  } catch (error) {
    if (!(error instanceof AppError) || JOB_RETRYABLE_CODES.has(error.code)) {
      await deps.db.execute(
        sql`update keyword_imports set status = 'queued' where id = ${id} and status = 'running'`,
      );
      throw error;
    }
    await refuse(deps.db, id, error);
    await emitImportEvent(deps, claimed, id, 'import.failed', error.message);
    throw error;
  }
  if (!counts) return { status: 'done already' };
  // New keywords of these platforms: cached searches must not hide them.
  for (const platform of counts.platforms) await bumpDataVersion(deps.cache, platform);
  await emitImportEvent(
    deps,
    claimed,
    id,
    'import.completed',
    `${counts.imported.toLocaleString('en-US')} rows imported, ${counts.skippedCount.toLocaleString('en-US')} lines skipped.`,
  );
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

/** The import failed for good: it says why, and its upload is dropped. */
async function refuse(db: Db, importId: number, error: AppError) {
  const reason = {
    code: error.code,
    message: error.message,
    ...(Array.isArray(error.details) ? { details: error.details.slice(0, 100) } : {}),
  };
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from keyword_import_uploads where import_id = ${importId}`);
    await tx.execute(sql`
      update keyword_imports set status = 'failed', error = ${JSON.stringify(reason)}::jsonb, finished_at = now()
      where id = ${importId}`);
  });
}
