'use server';

import { BatchSchema } from '@digitallz/contracts';
import { redirect } from 'next/navigation';
import { apiFetch } from '../lib/api';

/** Starts a batch analysis of the pasted keywords (one per line) and opens its progress page. */
export async function createBatchAction(form: FormData) {
  const keywords = String(form.get('keywords') ?? '')
    .split(/\r?\n/)
    .map((k) => k.trim())
    .filter(Boolean);
  const created = await apiFetch('/api/v1/batches', BatchSchema, {
    method: 'POST',
    body: { platform: String(form.get('platform') ?? 'etsy'), keywords },
  });
  if (!created.ok) redirect(`/batches?error=${encodeURIComponent(created.message)}`);
  redirect(`/batches/${created.data.id}`);
}
