import { type Db, queryRows, sql } from '@digitallz/db';
import type { JobQueue } from '../jobs/job-queue';

/**
 * Queues the pending deliveries of one event, and its email when the user wants them at once.
 * A failure to queue is left to the sweep (the rows stay pending), never thrown at the caller.
 */
export async function queueDeliveries(
  deps: { db: Db; enqueue?: JobQueue['enqueue'] },
  notificationId: string,
): Promise<void> {
  const { enqueue } = deps;
  if (!enqueue) return;
  const deliveries = await queryRows<{ id: string }>(
    deps.db,
    sql`select id from webhook_deliveries where notification_id = ${notificationId}::uuid and status = 'pending'`,
  );
  const [mode] = await queryRows<{ email_mode: string }>(
    deps.db,
    sql`select coalesce(s.email_mode, 'daily') as email_mode from notifications n
        left join notification_settings s on s.user_id = n.user_id
        where n.id = ${notificationId}::uuid and n.type <> 'webhook.test'`,
  );
  try {
    for (const delivery of deliveries)
      await enqueue('notifications.deliver', { deliveryId: delivery.id });
    if (mode?.email_mode === 'immediate') await enqueue('notifications.email', { notificationId });
  } catch {
    // Redis unavailable: notifications.sweep queues what is still pending.
  }
}
