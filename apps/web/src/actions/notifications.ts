'use server';

import {
  AlertRuleSchema,
  CreatedWebhookSchema,
  MarkReadResultSchema,
  NotificationSettingsSchema,
  TestDeliverySchema,
  WebhookSchema,
} from '@digitallz/contracts';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { apiFetch } from '../lib/api';

export async function markAllReadAction() {
  await apiFetch('/api/v1/notifications/read', MarkReadResultSchema, { method: 'POST' });
  revalidatePath('/notifications');
}

export async function setEmailModeAction(form: FormData) {
  await apiFetch('/api/v1/notifications/settings', NotificationSettingsSchema, {
    method: 'PUT',
    body: { emailMode: String(form.get('emailMode') ?? 'daily') },
  });
  revalidatePath('/account/alerts');
}

export async function updateRuleAction(form: FormData) {
  const id = String(form.get('id') ?? '');
  const result = await apiFetch(`/api/v1/alert-rules/${encodeURIComponent(id)}`, AlertRuleSchema, {
    method: 'PATCH',
    body: { threshold: Number(form.get('threshold')), enabled: form.get('enabled') === 'on' },
  });
  if (!result.ok) redirect(`/account/alerts?error=${encodeURIComponent(result.message)}`);
  revalidatePath('/account/alerts');
}

export type CreateWebhookState =
  | { error?: string; secret?: string | null; done?: boolean }
  | undefined;

export async function createWebhookAction(
  _state: CreateWebhookState,
  form: FormData,
): Promise<CreateWebhookState> {
  const result = await apiFetch('/api/v1/webhooks', CreatedWebhookSchema, {
    method: 'POST',
    body: {
      kind: String(form.get('kind') ?? 'webhook'),
      url: String(form.get('url') ?? ''),
      events: form.getAll('events').map(String),
    },
  });
  if (!result.ok) return { error: result.message };
  revalidatePath('/account/alerts');
  return { secret: result.data.secret, done: true };
}

/** "Send test event": delivered at once; the answer is shown on the page. */
export async function testWebhookAction(form: FormData) {
  const id = String(form.get('id') ?? '');
  const result = await apiFetch(
    `/api/v1/webhooks/${encodeURIComponent(id)}/test`,
    TestDeliverySchema,
    {
      method: 'POST',
    },
  );
  const outcome = result.ok
    ? `${result.data.status}${result.data.responseStatus ? ` (HTTP ${result.data.responseStatus})` : result.data.error ? ` (${result.data.error})` : ''}`
    : result.message;
  redirect(
    `/account/alerts?tested=${encodeURIComponent(id)}&outcome=${encodeURIComponent(outcome)}`,
  );
}

export async function enableWebhookAction(form: FormData) {
  const id = String(form.get('id') ?? '');
  await apiFetch(`/api/v1/webhooks/${encodeURIComponent(id)}/enable`, WebhookSchema, {
    method: 'POST',
  });
  revalidatePath('/account/alerts');
}

export async function deleteWebhookAction(form: FormData) {
  const id = String(form.get('id') ?? '');
  await apiFetch(`/api/v1/webhooks/${encodeURIComponent(id)}`, z.null(), { method: 'DELETE' });
  revalidatePath('/account/alerts');
}
