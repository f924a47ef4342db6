import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, type Locale, toLocale } from './locale';

/**
 * The language of a request: the one the visitor chose (a cookie), else the first of English and
 * French their browser prefers, else English.
 */
export default getRequestConfig(async () => {
  const chosen = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const preferred = (await headers())
    .get('accept-language')
    ?.split(',')
    .map((part) => toLocale(part.split(';')[0]?.trim().slice(0, 2)))
    .find(Boolean);
  const locale: Locale = chosen ?? preferred ?? 'en';
  return { locale, messages: (await import(`../../messages/${locale}.json`)).default };
});
