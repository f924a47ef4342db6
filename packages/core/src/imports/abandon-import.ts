import { type Db, queryRows, sql } from '@digitallz/db';
import type { JobQueue } from '../jobs/job-queue';
import { dropImportedRows } from './drop-imported-rows';
import { emitImportEvent, type ImportOwner } from './import-events';

/**
 * The import job failed its last attempt (the database down longer than its retries, say): the
 * import says so instead of staying queued, and its owner is told. Its upload is kept, so an
 * administrator's replay of the job still imports it. Does nothing to a finished import.
 */
export async function abandonImport(
  deps: { db: Db; enqueue?: JobQueue['enqueue'] },
  input: { importId: number },
): Promise<void> {
  const reason = {
    code: 'SERVICE_UNAVAILABLE',
    message:
      'The import could not run: the service was unavailable through every retry. Nothing was written; the file is kept and is imported if the job is run again.',
  };
  const [owner] = await queryRows<ImportOwner>(
    deps.db,
    sql`update keyword_imports set status = 'failed', error = ${JSON.stringify(reason)}::jsonb, finished_at = clock_timestamp()
        where id = ${input.importId} and status in ('queued', 'running')
        returning kind, marketplace, owner_id::text as owner_id, filename`,
  );
  if (!owner) return;
  // The rows a run wrote before it failed, if it could not drop them (a replay drops them too).
  await dropImportedRows((write) => write(deps.db), input.importId).catch(() => {});
  await emitImportEvent(deps, owner, input.importId, {
    type: 'import.failed',
    reason: reason.message,
  });
}
