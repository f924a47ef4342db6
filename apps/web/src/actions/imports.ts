'use server';

import { IMPORT_KINDS, ImportSchema } from '@digitallz/contracts';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { apiFetch } from '../lib/api';

/** What the API takes (next.config.ts lets a server action carry a little more: the form). */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const fail = (message: string): never => redirect(`/imports?error=${encodeURIComponent(message)}`);

/**
 * Uploads a report (Brand Analytics, Keyword Planner or keyword,platform,volume CSV) to the API,
 * which answers at once and imports it in a job; the imports page then follows its progress.
 */
export async function uploadImportAction(form: FormData) {
  const t = await getTranslations('imports');
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return fail(t('noFile'));
  if (file.size > MAX_IMPORT_BYTES) return fail(t('tooLarge'));
  const kind = String(form.get('kind') ?? '');
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) return fail(t('badKind'));
  const query = new URLSearchParams({
    kind,
    marketplace: String(form.get('marketplace') ?? 'US').trim() || 'US',
    filename: file.name.slice(0, 255),
  });
  const created = await apiFetch(`/api/v1/imports?${query}`, ImportSchema, {
    method: 'POST',
    // The bytes as they are: the API reads UTF-8, UTF-16 (Keyword Planner) and byte-order marks.
    file: { bytes: file, contentType: 'application/octet-stream' },
  });
  if (!created.ok) return fail(created.message);
  redirect('/imports');
}
