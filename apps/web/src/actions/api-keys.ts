'use server';

import { ApiKeySchema, CreatedApiKeySchema } from '@digitallz/contracts';
import { revalidatePath } from 'next/cache';
import { apiFetch } from '../lib/api';

export type CreateKeyState = { error?: string; key?: string } | undefined;

export async function createApiKeyAction(
  _state: CreateKeyState,
  form: FormData,
): Promise<CreateKeyState> {
  const result = await apiFetch('/api/v1/api-keys', CreatedApiKeySchema, {
    method: 'POST',
    body: { name: String(form.get('name') ?? ''), scopes: form.getAll('scopes').map(String) },
  });
  if (!result.ok) return { error: result.message };
  revalidatePath('/account/api-keys');
  return { key: result.data.key };
}

export async function revokeApiKeyAction(form: FormData) {
  const id = String(form.get('id') ?? '');
  await apiFetch(`/api/v1/api-keys/${encodeURIComponent(id)}`, ApiKeySchema, { method: 'DELETE' });
  revalidatePath('/account/api-keys');
}
