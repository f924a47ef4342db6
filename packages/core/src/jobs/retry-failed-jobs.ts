import type { Db } from '@digitallz/db';
import type { RequestMeta } from '../accounts/account-deps';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { JobQueue, RetriedJobs } from './job-queue';

/**
 * An administrator replays failed jobs (after an outage longer than the jobs' retries): the
 * given ids, or every failed job. Audited with the ids put back.
 */
export async function retryFailedJobs(
  deps: { db: Db; jobs: JobQueue },
  admin: { id: string; meta: RequestMeta },
  which: { ids: string[] } | { all: true },
): Promise<RetriedJobs> {
  const result = await deps.jobs.retryFailed('ids' in which ? which.ids : 'all');
  if (result.retried.length > 0)
    await recordAuditEvent(deps.db, {
      userId: admin.id,
      action: 'admin.jobs_retried',
      target: { type: 'jobs', id: result.retried.length === 1 ? (result.retried[0] ?? '') : '*' },
      meta: admin.meta,
      details: { count: result.retried.length, ids: result.retried.slice(0, 100) },
    });
  return result;
}
