import type { Batch, CreateBatchBody } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import { PRIORITY } from '../jobs/catalog';
import type { JobQueue } from '../jobs/job-queue';
import { normalizeKeyword } from '../keywords/normalize-keyword';
import type { ListOwner } from '../lists/list-access';
import { ownedBatch } from './batch-access';

/**
 * Starts a bulk analysis: the batch and its keywords (normalised, duplicates dropped, order kept)
 * are written in one transaction, then the job is queued. A batch whose job cannot be queued is
 * marked failed, never left waiting.
 */
export async function createBatch(
  deps: { db: Db; jobs: JobQueue },
  owner: ListOwner,
  input: CreateBatchBody,
): Promise<Batch> {
  const keywords = [...new Set(input.keywords.map(normalizeKeyword).filter(Boolean))];
  // The batch as accepted, read before its job is queued: once queued, the job may already have
  // made progress by the time a read after it runs (a race the batches test met).
  const accepted = await deps.db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string }>(
      tx as unknown as Db,
      sql`insert into batch_analyses (owner_id, platform, marketplace, total, collect_missing)
          values (${owner}::uuid, ${input.platform}, ${input.marketplace}, ${keywords.length}, ${input.collectMissing})
          returning id::text as id`,
    );
    const batchId = row?.id as string;
    await tx.execute(sql`
      insert into batch_analysis_items (batch_id, position, keyword)
      select ${batchId}::uuid, t.position - 1, t.keyword
      from jsonb_array_elements_text(${JSON.stringify(keywords)}::jsonb) with ordinality as t(keyword, position)`);
    return ownedBatch(tx as unknown as Db, batchId, owner);
  });
  try {
    await deps.jobs.enqueue(
      'compute.batch-analysis',
      { batchId: accepted.id },
      { priority: PRIORITY.interactive },
    );
  } catch (error) {
    await deps.db.execute(
      sql`update batch_analyses set status = 'failed', error = 'could not be queued', finished_at = now() where id = ${accepted.id}::uuid`,
    );
    throw error;
  }
  return accepted;
}
