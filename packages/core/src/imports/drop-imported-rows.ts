import { type Db, queryRows, sql } from '@digitallz/db';
import type { ImportWriter } from './import-rows';

/** Rows deleted per write: a short transaction each, even for a report of a million rows. */
const DROP_BATCH = 5_000;

/**
 * Deletes the rows an unfinished run of an import wrote, a few thousand at a time, each delete
 * through `write` (the job's: only while the import is still its run's).
 */
export async function dropImportedRows(write: ImportWriter, importId: number): Promise<void> {
  for (;;) {
    const [gone] = await write((tx: Db) =>
      queryRows<{ n: number }>(
        tx,
        sql`with gone as (
              delete from imported_metrics where id in (
                select id from imported_metrics where import_id = ${importId} order by id limit ${DROP_BATCH})
              returning 1)
            select count(*)::int as n from gone`,
      ),
    );
    if (!gone || gone.n < DROP_BATCH) return;
  }
}
