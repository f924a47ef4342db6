import type { Platform } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import type { JobQueue } from '../jobs/job-queue';

export type RefreshStaleOptions = { limit: number; staleAfterDays: number };

/**
 * The scheduler's refresh: the most searched keywords whose marketplace data is older than
 * `staleAfterDays` are queued for collection at scheduled priority (below any waiting user).
 */
export async function refreshStaleKeywords(
  deps: { db: Db; clock: () => Date; enqueue: JobQueue['enqueue'] },
  options: RefreshStaleOptions,
): Promise<{ queued: number }> {
  const now = deps.clock();
  const cutoff = new Date(now.getTime() - options.staleAfterDays * 86_400_000);
  const stale = await queryRows<{ keyword: string; platform: Platform; marketplace: string }>(
    deps.db,
    sql`select keyword, platform, marketplace from keyword_data
        where last_updated < ${cutoff.toISOString()}::timestamptz
        order by search_volume desc nulls last, id
        limit ${options.limit}`,
  );
  let queued = 0;
  for (const k of stale) {
    const result = await deps.enqueue('collect.keyword', {
      ...k,
      observedAt: now.toISOString(),
      expand: false,
      budget: 1,
    });
    if (!result.deduplicated) queued++;
  }
  return { queued };
}
