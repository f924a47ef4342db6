'use server';

import { TrackResultSchema } from '@digitallz/contracts';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { apiFetch } from '../lib/api';
import { tickedKeywords } from '../lib/ticked-keywords';

export type TrackState = { error?: string; tracked?: boolean } | undefined;

/** The keyword page's "Track" button. */
export async function trackKeywordAction(_state: TrackState, form: FormData): Promise<TrackState> {
  const result = await apiFetch('/api/v1/tracking', TrackResultSchema, {
    method: 'POST',
    body: {
      source: 'search',
      keywords: [
        {
          platform: String(form.get('platform') ?? ''),
          marketplace: String(form.get('marketplace') ?? 'US'),
          keyword: String(form.get('keyword') ?? ''),
        },
      ],
    },
  });
  if (!result.ok) return { error: result.message };
  revalidatePath('/tracking');
  return { tracked: true };
}

/** Tracks every keyword of a list, then shows the tracked keywords (or the reason it could not). */
export async function trackListAction(form: FormData) {
  const listId = String(form.get('listId') ?? '');
  const result = await apiFetch('/api/v1/tracking', TrackResultSchema, {
    method: 'POST',
    body: { listId },
  });
  if (!result.ok) redirect(`/lists/${listId}?error=${encodeURIComponent(result.message)}`);
  redirect('/tracking');
}

/** "Track selected" under search results: the ticked keywords, then the tracked keywords page. */
export async function trackSelectedAction(form: FormData) {
  const keywords = tickedKeywords(form);
  const result = await apiFetch('/api/v1/tracking', TrackResultSchema, {
    method: 'POST',
    body: { keywords, source: 'search' },
  });
  redirect(result.ok ? '/tracking' : `/tracking?error=${encodeURIComponent(result.message)}`);
}

export async function untrackAction(form: FormData) {
  const id = String(form.get('id') ?? '');
  await apiFetch(`/api/v1/tracking/${encodeURIComponent(id)}`, z.null(), { method: 'DELETE' });
  revalidatePath('/tracking');
}

/** "Track its keywords" on a completed import, then the tracked keywords page. */
export async function trackImportAction(form: FormData) {
  const importId = Number(form.get('importId'));
  const result = await apiFetch('/api/v1/tracking', TrackResultSchema, {
    method: 'POST',
    body: { importId },
  });
  redirect(result.ok ? '/tracking' : `/imports?error=${encodeURIComponent(result.message)}`);
}
