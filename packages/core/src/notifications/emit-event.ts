import { type Db, notifications, sql } from '@digitallz/db';
import type { JobQueue } from '../jobs/job-queue';
import type { EventType } from './event-catalog';
import { queueDeliveries } from './queue-deliveries';

export type NewEvent = {
  userId: string;
  type: EventType;
  title: string;
  body: string;
  data: Record<string, unknown>;
  /** The same key never makes a second event for the user (one alert per keyword, rule and day). */
  dedupeKey: string;
};

/**
 * Records an event for a user (the in-app inbox) and, in the same transaction, one pending
 * delivery per enabled endpoint subscribed to its type: the outbox. Jobs then deliver them; if
 * queueing fails now, the sweep job queues them later, so nothing is lost. Null when a duplicate.
 */
export async function emitEvent(
  deps: { db: Db; enqueue?: JobQueue['enqueue'] },
  event: NewEvent,
): Promise<string | null> {
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(notifications)
      .values(event)
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    if (!row) return null;
    await tx.execute(sql`
      insert into webhook_deliveries (endpoint_id, notification_id)
      select id, ${row.id}::uuid from webhook_endpoints
      where user_id = ${event.userId}::uuid and enabled and ${event.type} = any(events)`);
    return row.id;
  });
  if (id) await queueDeliveries(deps, id);
  return id;
}
