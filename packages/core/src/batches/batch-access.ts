import type { Batch } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import { AppError } from '../errors';
import type { ListOwner } from '../lists/list-access';

type BatchRow = {
  id: string;
  platform: Batch['platform'];
  marketplace: string;
  status: Batch['status'];
  total: number;
  done: number;
  collecting: number;
  error: string | null;
  created_at: string;
  finished_at: string | null;
};

/** The owner's batch, or NOT_FOUND (another owner's batch is not found either). */
export async function ownedBatch(db: Db, id: string, owner: ListOwner): Promise<Batch> {
  const [row] = await queryRows<BatchRow>(
    db,
    sql`select id::text as id, platform, marketplace, status, total, done, collecting, error,
               to_json(created_at)#>>'{}' as created_at, to_json(finished_at)#>>'{}' as finished_at
        from batch_analyses where id = ${id}::uuid and owner_id is not distinct from ${owner}::uuid`,
  );
  if (!row) throw new AppError('NOT_FOUND', `No batch ${id}`);
  return {
    id: row.id,
    platform: row.platform,
    marketplace: row.marketplace,
    status: row.status,
    total: row.total,
    done: row.done,
    progress: row.total === 0 ? 100 : Math.round((row.done / row.total) * 1000) / 10,
    collecting: row.collecting,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    resultsPath: `/api/v1/batches/${row.id}/results`,
    exportPath: `/api/v1/batches/${row.id}/export`,
  };
}
