import { type Db, sql } from '@digitallz/db';

/**
 * The batch job failed its last attempt: the batch says so instead of staying queued or
 * running. An administrator's replay of the job runs it again (`runBatch` takes any batch not
 * completed). Does nothing to a completed batch.
 */
export async function abandonBatch(deps: { db: Db }, input: { batchId: string }): Promise<void> {
  await deps.db.execute(sql`
    update batch_analyses set status = 'failed', error = 'could not run: the service was unavailable through every retry', finished_at = clock_timestamp()
    where id = ${input.batchId}::uuid and status in ('queued', 'running')`);
}
