'use server';

import { KeywordListSchema, ListChangeResultSchema } from '@digitallz/contracts';
import { redirect } from 'next/navigation';
import { apiFetch } from '../lib/api';
import { tickedKeywords } from '../lib/ticked-keywords';

/** Adds the ticked keywords to a list (a new one when a name is given), then opens it. */
export async function addToListAction(form: FormData) {
  const keywords = tickedKeywords(form);
  let listId = String(form.get('listId') ?? '');
  const name = String(form.get('newList') ?? '').trim();
  if (name || !listId) {
    const created = await apiFetch('/api/v1/lists', KeywordListSchema, {
      method: 'POST',
      body: { name: name || 'My keywords' },
    });
    if (!created.ok) redirect(`/lists?error=${encodeURIComponent(created.message)}`);
    listId = created.data.id;
  }
  if (keywords.length > 0)
    await apiFetch(`/api/v1/lists/${listId}/keywords`, ListChangeResultSchema, {
      method: 'POST',
      body: { keywords },
    });
  redirect(`/lists/${listId}`);
}

export async function createListAction(form: FormData) {
  const created = await apiFetch('/api/v1/lists', KeywordListSchema, {
    method: 'POST',
    body: { name: String(form.get('name') ?? '') },
  });
  if (!created.ok) redirect(`/lists?error=${encodeURIComponent(created.message)}`);
  redirect(`/lists/${created.data.id}`);
}
