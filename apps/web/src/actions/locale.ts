'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { LOCALE_COOKIE, toLocale } from '../i18n/locale';

/** Remembers the visitor's language for a year. */
export async function setLocaleAction(form: FormData) {
  const locale = toLocale(String(form.get('locale')));
  if (!locale) return;
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: 365 * 86_400,
    sameSite: 'lax',
  });
  revalidatePath('/', 'layout');
}
