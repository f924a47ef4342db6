import {
  type Db,
  notifications,
  queryRows,
  sql,
  webhookDeliveries,
  webhookEndpoints,
} from '@digitallz/db';
import { and, count, desc, eq } from 'drizzle-orm';
import { randomToken } from '../crypto/random-token';
import { AppError } from '../errors';
import { type DeliveryOutcome, deliverWebhook } from './deliver-webhook';
import { assertPublicEndpoint, parseEndpointUrl } from './endpoint-address';
import type { EventType } from './event-catalog';
import type { NotifyDeps } from './notify-deps';
import { createWebhookSecret } from './webhook-signature';

const MAX_ENDPOINTS = 10;

function present(row: typeof webhookEndpoints.$inferSelect) {
  return {
    id: row.id,
    kind: row.kind as 'webhook' | 'slack',
    url: row.url,
    description: row.description,
    events: row.events as EventType[],
    enabled: row.enabled,
    consecutiveFailures: row.consecutiveFailures,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
  };
}

export type WebhookView = ReturnType<typeof present>;

export async function findWebhooks(db: Db, userId: string): Promise<WebhookView[]> {
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.userId, userId))
    .orderBy(desc(webhookEndpoints.createdAt));
  return rows.map(present);
}

/** Adds an endpoint; a generic webhook's signing secret is in the answer once (stored sealed). */
export async function createWebhook(
  deps: Pick<NotifyDeps, 'db' | 'secrets' | 'allowPrivateNetworks'>,
  userId: string,
  input: { kind: 'webhook' | 'slack'; url: string; events: EventType[]; description?: string },
): Promise<WebhookView & { secret: string | null }> {
  const url = parseEndpointUrl(input.url);
  await assertPublicEndpoint(url, deps.allowPrivateNetworks);
  const [existing] = await deps.db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.userId, userId));
  if ((existing?.n ?? 0) >= MAX_ENDPOINTS)
    throw new AppError('CONFLICT', `at most ${MAX_ENDPOINTS} endpoints: delete one first`);
  const secret = input.kind === 'webhook' ? createWebhookSecret() : null;
  const [row] = await deps.db
    .insert(webhookEndpoints)
    .values({
      userId,
      kind: input.kind,
      url: url.toString(),
      description: input.description ?? null,
      secret: secret ? deps.secrets.seal(secret) : null,
      events: [...new Set(input.events)].sort(),
    })
    .returning();
  return { ...present(row as typeof webhookEndpoints.$inferSelect), secret };
}

async function owned(db: Db, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.userId, userId)));
  if (!row) throw new AppError('NOT_FOUND', 'no such endpoint');
  return row;
}

export async function deleteWebhook(db: Db, userId: string, id: string): Promise<void> {
  await owned(db, userId, id);
  await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
}

/** Turns an endpoint back on (after it was turned off for failing), with a clean failure count. */
export async function enableWebhook(db: Db, userId: string, id: string): Promise<WebhookView> {
  await owned(db, userId, id);
  const [row] = await db
    .update(webhookEndpoints)
    .set({ enabled: true, consecutiveFailures: 0, disabledReason: null })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return present(row as typeof webhookEndpoints.$inferSelect);
}

/** The "send test event" button: one `webhook.test` event, delivered now, the answer returned. */
export async function sendTestEvent(
  deps: NotifyDeps,
  userId: string,
  id: string,
): Promise<DeliveryOutcome & { deliveryId: string }> {
  const endpoint = await owned(deps.db, userId, id);
  const deliveryId = await deps.db.transaction(async (tx) => {
    const [event] = await tx
      .insert(notifications)
      .values({
        userId,
        type: 'webhook.test',
        title: 'Test event',
        body: 'Digitallz can reach this endpoint.',
        data: { endpointId: endpoint.id },
        dedupeKey: `webhook.test:${randomToken(12)}`,
        readAt: deps.clock(),
      })
      .returning({ id: notifications.id });
    const [delivery] = await tx
      .insert(webhookDeliveries)
      .values({ endpointId: endpoint.id, notificationId: event?.id ?? '' })
      .returning({ id: webhookDeliveries.id });
    return delivery?.id ?? '';
  });
  const outcome = await deliverWebhook(deps, { deliveryId, finalAttempt: true });
  return { ...outcome, deliveryId };
}

/** An endpoint's delivery log, newest first. */
export async function findDeliveries(db: Db, userId: string, id: string, limit = 50) {
  await owned(db, userId, id);
  const rows = await queryRows<{
    id: string;
    event_id: string;
    type: string;
    status: 'pending' | 'succeeded' | 'failed';
    attempts: number;
    response_status: number | null;
    error: string | null;
    created_at: Date;
    last_attempt_at: Date | null;
    delivered_at: Date | null;
  }>(
    db,
    sql`select d.id, n.id as event_id, n.type, d.status, d.attempts, d.response_status, d.error,
               d.created_at, d.last_attempt_at, d.delivered_at
        from webhook_deliveries d join notifications n on n.id = d.notification_id
        where d.endpoint_id = ${id}::uuid order by d.created_at desc, d.id limit ${limit}`,
  );
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    type: r.type,
    status: r.status,
    attempts: r.attempts,
    responseStatus: r.response_status,
    error: r.error,
    createdAt: new Date(r.created_at).toISOString(),
    lastAttemptAt: iso(r.last_attempt_at),
    deliveredAt: iso(r.delivered_at),
  }));
}
