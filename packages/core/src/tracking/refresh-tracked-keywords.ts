import type { Platform } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import type { JobQueue } from '../jobs/job-queue';
import { allPlans } from '../quotas/plans';

/**
 * The tracking schedule: tracked keywords whose refresh is due are collected again through the
 * collection pipeline (one job per keyword however many users track it), then their next refresh
 * is set by the most generous plan tracking them (daily when paid, weekly when free). Queued
 * first, rescheduled after: a crash in between queues them again, and the queue drops duplicates.
 */
export async function refreshTrackedKeywords(
  deps: { db: Db; clock: () => Date; enqueue: JobQueue['enqueue'] },
  input: { limit: number },
): Promise<{ keywords: number }> {
  const now = deps.clock().toISOString();
  const hours = Object.fromEntries(
    Object.entries(allPlans()).map(([name, plan]) => [name, plan.trackingRefreshHours]),
  );
  const due = await queryRows<{
    keyword_id: string;
    platform: Platform;
    marketplace: string;
    keyword: string;
    every_hours: number;
  }>(
    deps.db,
    sql`select k.id::text as keyword_id, k.platform, k.marketplace, k.keyword,
               min(nullif((${JSON.stringify(hours)}::jsonb ->> u.subscription)::int, 0)) as every_hours
        from tracked_keywords t join keyword_data k on k.id = t.keyword_id join users u on u.id = t.user_id
        where t.next_refresh_at <= ${now}::timestamptz
        group by k.id order by min(t.next_refresh_at) limit ${input.limit}`,
  );
  for (const row of due)
    await deps.enqueue('collect.keyword', {
      platform: row.platform,
      marketplace: row.marketplace,
      keyword: row.keyword,
      observedAt: now,
      expand: false,
    });
  if (due.length > 0)
    await deps.db.execute(sql`
      update tracked_keywords t set next_refresh_at = ${now}::timestamptz + make_interval(hours => d.every_hours)
      from jsonb_to_recordset(${JSON.stringify(due.map((d) => ({ id: Number(d.keyword_id), every_hours: d.every_hours ?? 168 })))}::jsonb)
        as d(id bigint, every_hours int)
      where t.keyword_id = d.id and t.next_refresh_at <= ${now}::timestamptz`);
  return { keywords: due.length };
}
