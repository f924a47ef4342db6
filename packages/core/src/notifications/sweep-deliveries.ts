import { type Db, queryRows, sql } from '@digitallz/db';
import type { JobQueue } from '../jobs/job-queue';

/**
 * The outbox sweep: deliveries still pending a while after their event (their job could not be
 * queued, or was lost with a Redis that restarted empty) are queued again. The queue drops
 * duplicates of a delivery that is in fact still waiting or backing off. Ages are measured on the
 * database's clock, the one that stamped the deliveries.
 */
export async function sweepDeliveries(
  deps: { db: Db; enqueue: JobQueue['enqueue'] },
  input: { olderThanSeconds: number },
): Promise<{ queued: number }> {
  const rows = await queryRows<{ id: string }>(
    deps.db,
    sql`select id from webhook_deliveries where status = 'pending'
        and created_at < now() - make_interval(secs => ${input.olderThanSeconds})
        order by created_at limit 1000`,
  );
  let queued = 0;
  for (const row of rows) {
    const result = await deps.enqueue('notifications.deliver', { deliveryId: row.id });
    if (!result.deduplicated) queued++;
  }
  return { queued };
}
