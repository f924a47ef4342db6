import { type Db, queryRows, sql } from '@digitallz/db';
import type { JobQueue } from '../jobs/job-queue';
import { describeEvent } from '../notifications/describe-event';
import { emitEvent } from '../notifications/emit-event';

/**
 * The batch job failed its last attempt: the batch says so instead of staying queued or
 * running, and its owner is told. An administrator's replay of the job runs it again (`runBatch`
 * takes any batch not completed). Does nothing to a completed batch.
 */
export async function abandonBatch(
  deps: { db: Db; enqueue?: JobQueue['enqueue'] },
  input: { batchId: string },
): Promise<void> {
  const [batch] = await queryRows<{
    owner_id: string | null;
    total: number;
    platform: string;
    marketplace: string;
  }>(
    deps.db,
    sql`update batch_analyses set status = 'failed', error = 'could not run: the service was unavailable through every retry', finished_at = clock_timestamp()
        where id = ${input.batchId}::uuid and status in ('queued', 'running')
        returning owner_id::text as owner_id, total, platform, marketplace`,
  );
  if (!batch?.owner_id) return;
  const facts = { total: batch.total, platform: batch.platform, marketplace: batch.marketplace };
  await emitEvent(deps, {
    userId: batch.owner_id,
    type: 'batch.failed',
    ...describeEvent('batch.failed', facts, 'en'),
    data: { batchId: input.batchId, ...facts },
    dedupeKey: `batch.failed:${input.batchId}`,
  });
}
