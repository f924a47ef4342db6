'use server';

import { ConnectionSchema, type Platform, PlatformSchema } from '@digitallz/contracts';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { apiFetch } from '../lib/api';

const back = (query: string) => redirect(`/account/marketplaces?${query}`);

/** Connects a marketplace with the fields typed; the API checks and seals them. */
export async function connectMarketplaceAction(form: FormData) {
  const platform = PlatformSchema.parse(form.get('platform'));
  const body: Record<string, string> = {};
  for (const [name, value] of form.entries())
    if (name !== 'platform' && !name.startsWith('$') && typeof value === 'string' && value.trim())
      body[name] = value.trim();
  const result = await apiFetch(`/api/v1/account/marketplaces/${platform}`, ConnectionSchema, {
    method: 'PUT',
    body,
  });
  back(result.ok ? `saved=${platform}` : `error=${encodeURIComponent(result.message)}`);
}

export async function disconnectMarketplaceAction(form: FormData) {
  const platform: Platform = PlatformSchema.parse(form.get('platform'));
  await apiFetch(`/api/v1/account/marketplaces/${platform}`, z.null(), { method: 'DELETE' });
  back(`removed=${platform}`);
}
