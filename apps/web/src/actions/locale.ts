'use server';

import { AccountSchema } from '@digitallz/contracts';
import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { LOCALE_COOKIE, toLocale } from '../i18n/locale';
import { apiFetch } from '../lib/api';

/**
 * Remembers the visitor's language for a year and, when they are signed in, makes it their
 * account's: the emails the platform sends them are then written in it too.
 */
export async function setLocaleAction(form: FormData) {
  const locale = toLocale(String(form.get('locale')));
  if (!locale) return;
  const jar = await cookies();
  jar.set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: 365 * 86_400,
    sameSite: 'lax',
  });
  // Best effort: an expired session keeps the page's language and the account's as it was.
  if (jar.get('dz_access') || jar.get('dz_refresh'))
    await apiFetch('/api/v1/account', AccountSchema, { method: 'PATCH', body: { locale } });
  revalidatePath('/', 'layout');
}
