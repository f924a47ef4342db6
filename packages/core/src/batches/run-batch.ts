import { type Db, queryRows, sql } from '@digitallz/db';
import type { JobQueue } from '../jobs/job-queue';
import { describeEvent } from '../notifications/describe-event';
import { emitEvent } from '../notifications/emit-event';

/** Keywords looked up per step: progress moves at least this often. */
const CHUNK = 1_000;

/**
 * The batch job: finds each keyword's data on the batch's platform a chunk at a time (progress
 * after each), then (unless the batch said not to) queues a collection for every keyword without
 * data; the results fill in as those complete. Idempotent: a retried job redoes lookups and is deduplicated in the queue.
 */
export async function runBatch(
  deps: { db: Db; clock: () => Date; enqueue?: JobQueue['enqueue'] },
  input: { batchId: string },
): Promise<{ found: number; collecting: number }> {
  const [batch] = await queryRows<{
    owner_id: string | null;
    platform: string;
    marketplace: string;
    total: number;
    collect_missing: boolean;
  }>(
    deps.db,
    sql`update batch_analyses set status = 'running' where id = ${input.batchId}::uuid and status <> 'completed'
        returning owner_id, platform, marketplace, total, collect_missing`,
  );
  if (!batch) return { found: 0, collecting: 0 };
  for (let start = 0; start < batch.total; start += CHUNK) {
    const end = Math.min(batch.total, start + CHUNK);
    await deps.db.transaction(async (tx) => {
      await tx.execute(sql`
        update batch_analysis_items i set keyword_id = k.id
        from keyword_data k
        where i.batch_id = ${input.batchId}::uuid and i.position >= ${start} and i.position < ${end}
          and k.platform = ${batch.platform} and k.marketplace = ${batch.marketplace} and k.keyword = i.keyword`);
      await tx.execute(
        sql`update batch_analyses set done = ${end} where id = ${input.batchId}::uuid`,
      );
    });
  }
  const missing = await queryRows<{ keyword: string }>(
    deps.db,
    sql`select keyword from batch_analysis_items where batch_id = ${input.batchId}::uuid and keyword_id is null order by position`,
  );
  const observedAt = deps.clock().toISOString();
  for (const { keyword } of batch.collect_missing ? missing : [])
    await deps.enqueue?.('collect.keyword', {
      platform: batch.platform as 'amazon' | 'etsy' | 'ebay',
      marketplace: batch.marketplace,
      keyword,
      observedAt,
      expand: false,
    });
  await deps.db.execute(sql`
    update batch_analyses set status = 'completed', error = null, collecting = ${batch.collect_missing ? missing.length : 0}, finished_at = ${observedAt}::timestamptz
    where id = ${input.batchId}::uuid`);
  const found = batch.total - missing.length;
  const collecting = batch.collect_missing ? missing.length : 0;
  if (batch.owner_id) {
    const facts = {
      total: batch.total,
      found,
      collecting,
      platform: batch.platform,
      marketplace: batch.marketplace,
    };
    await emitEvent(deps, {
      userId: batch.owner_id,
      type: 'batch.completed',
      ...describeEvent('batch.completed', facts, 'en'),
      data: { batchId: input.batchId, ...facts },
      dedupeKey: `batch.completed:${input.batchId}`,
    });
  }
  return {
    found: batch.total - missing.length,
    collecting: batch.collect_missing ? missing.length : 0,
  };
}
