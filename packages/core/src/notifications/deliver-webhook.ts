import { queryRows, sql } from '@digitallz/db';
import { AppError } from '../errors';
import { assertPublicEndpoint, parseEndpointUrl } from './endpoint-address';
import type { EventEnvelope, EventType } from './event-catalog';
import type { NotifyDeps } from './notify-deps';
import { slackMessage } from './slack-message';
import { signWebhook } from './webhook-signature';

/** Attempts per delivery (the job's attempts in the catalog, about 5 minutes of backoff in all). */
export const MAX_DELIVERY_ATTEMPTS = 6;
/** Failed attempts in a row after which an endpoint is turned off (about 5 events lost in full). */
export const DISABLE_AFTER_FAILURES = 30;
const TIMEOUT_MS = 10_000;

type Row = {
  status: string;
  attempts: number;
  endpoint_id: string;
  kind: 'webhook' | 'slack';
  url: string;
  secret: string | null;
  enabled: boolean;
  notification_id: string;
  type: EventType;
  title: string;
  body: string;
  data: Record<string, unknown>;
  created_at: Date;
  /** The endpoint owner's language: Slack messages are written in it. */
  locale: string;
};

export type DeliveryOutcome = {
  status: 'succeeded' | 'pending' | 'failed' | 'gone';
  responseStatus: number | null;
  error: string | null;
};

/**
 * One attempt at one delivery: posts the event (signed, or as a Slack message), then records the
 * answer. A failed attempt with attempts left throws a retryable error so the job backs off and
 * retries; the last one marks the delivery failed. Endpoints failing too long are turned off.
 */
export async function deliverWebhook(
  deps: NotifyDeps & { disableAfterFailures?: number },
  input: { deliveryId: string; finalAttempt?: boolean },
): Promise<DeliveryOutcome> {
  const [row] = await queryRows<Row>(
    deps.db,
    sql`select d.status, d.attempts, e.id as endpoint_id, e.kind, e.url, e.secret, e.enabled,
               n.id as notification_id, n.type, n.title, n.body, n.data, n.created_at, u.locale
        from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
        join notifications n on n.id = d.notification_id join users u on u.id = e.user_id
        where d.id = ${input.deliveryId}::uuid`,
  );
  if (row?.status !== 'pending')
    return {
      status: row ? (row.status as 'succeeded') : 'gone',
      responseStatus: null,
      error: null,
    };
  if (!row.enabled) return finish(deps, input.deliveryId, row, 'failed', null, 'endpoint disabled');

  const attempt = await post(deps, row);
  const attempts = row.attempts + 1;
  if (attempt.ok) {
    await deps.db.execute(sql`
      update webhook_deliveries set status = 'succeeded', attempts = ${attempts},
        response_status = ${attempt.status}, error = null, last_attempt_at = now(), delivered_at = now()
      where id = ${input.deliveryId}::uuid`);
    await deps.db.execute(
      sql`update webhook_endpoints set consecutive_failures = 0 where id = ${row.endpoint_id}::uuid`,
    );
    return { status: 'succeeded', responseStatus: attempt.status, error: null };
  }
  const final = input.finalAttempt || attempts >= MAX_DELIVERY_ATTEMPTS || attempt.permanent;
  const limit = deps.disableAfterFailures ?? DISABLE_AFTER_FAILURES;
  await deps.db.execute(sql`
    update webhook_endpoints set consecutive_failures = consecutive_failures + 1,
      enabled = enabled and consecutive_failures + 1 < ${limit},
      disabled_reason = case when consecutive_failures + 1 >= ${limit}
        then ${`turned off after ${limit} failed attempts in a row (last: ${attempt.error})`}
        else disabled_reason end
    where id = ${row.endpoint_id}::uuid`);
  const outcome = await finish(
    deps,
    input.deliveryId,
    { ...row, attempts: attempts - 1 },
    final ? 'failed' : 'pending',
    attempt.status,
    attempt.error,
  );
  if (!final)
    throw new AppError('SERVICE_UNAVAILABLE', `webhook delivery failed: ${attempt.error}`);
  return outcome;
}

async function finish(
  deps: NotifyDeps,
  deliveryId: string,
  row: Row,
  status: 'pending' | 'failed',
  responseStatus: number | null,
  error: string | null,
): Promise<DeliveryOutcome> {
  await deps.db.execute(sql`
    update webhook_deliveries set status = ${status}, attempts = ${row.attempts + 1},
      response_status = ${responseStatus}, error = ${error}, last_attempt_at = now()
    where id = ${deliveryId}::uuid`);
  return { status, responseStatus, error };
}

type Attempt = { ok: boolean; status: number | null; error: string | null; permanent: boolean };

async function post(deps: NotifyDeps, row: Row): Promise<Attempt> {
  const envelope: EventEnvelope = {
    id: row.notification_id,
    type: row.type,
    createdAt: new Date(row.created_at).toISOString(),
    title: row.title,
    body: row.body,
    data: row.data,
  };
  const body =
    row.kind === 'slack'
      ? JSON.stringify(slackMessage(envelope, deps.appUrl, row.locale))
      : JSON.stringify(envelope);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Digitallz-Webhooks/1.0',
  };
  if (row.kind === 'webhook' && row.secret)
    Object.assign(
      headers,
      signWebhook(deps.secrets.open(row.secret), { id: envelope.id, at: deps.clock(), body }),
    );
  try {
    const url = parseEndpointUrl(row.url);
    await assertPublicEndpoint(url, deps.allowPrivateNetworks);
    const response = await (deps.fetch ?? fetch)(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      status: response.status,
      error: ok ? null : `HTTP ${response.status}`,
      permanent: false,
    };
  } catch (error) {
    if (error instanceof AppError)
      return { ok: false, status: null, error: error.message, permanent: true };
    const cause = (error as Error).cause as { code?: string } | undefined;
    return {
      ok: false,
      status: null,
      error: cause?.code ?? (error as Error).name ?? 'request failed',
      permanent: false,
    };
  }
}
