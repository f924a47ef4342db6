export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = 'dz_locale';

export function toLocale(value: string | undefined | null): Locale | null {
  return LOCALES.find((l) => l === value) ?? null;
}
