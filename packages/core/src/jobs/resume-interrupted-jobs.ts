import { type Db, queryRows, sql } from '@digitallz/db';
import { PRIORITY } from './catalog';
import type { JobQueue } from './job-queue';

/**
 * Queues again the work a stopped process left unfinished: imports and batch analyses still
 * queued or running. The in-process runner (the embedded install) keeps its jobs in memory, so a
 * restart would otherwise leave them waiting for good. Both jobs are safe to run twice: a
 * finished import or batch is found done, and a second run of an import waits for the first.
 */
export async function resumeInterruptedJobs(deps: {
  db: Db;
  jobs: Pick<JobQueue, 'enqueue'>;
}): Promise<{ imports: number; batches: number }> {
  const imports = await queryRows<{ id: number }>(
    deps.db,
    sql`select id::int as id from keyword_imports where status in ('queued', 'running') order by id`,
  );
  for (const { id } of imports)
    await deps.jobs.enqueue(
      'compute.keyword-import',
      { importId: id },
      { priority: PRIORITY.interactive },
    );
  const batches = await queryRows<{ id: string }>(
    deps.db,
    sql`select id::text as id from batch_analyses where status in ('queued', 'running') order by created_at`,
  );
  for (const { id } of batches)
    await deps.jobs.enqueue(
      'compute.batch-analysis',
      { batchId: id },
      { priority: PRIORITY.interactive },
    );
  return { imports: imports.length, batches: batches.length };
}
