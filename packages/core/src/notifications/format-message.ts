import { PLATFORM_LABELS } from '@digitallz/contracts';
import { IntlMessageFormat } from 'intl-messageformat';

/** The languages notifications are written in; English unless French. */
export type MessageLocale = 'en' | 'fr';
export const messageLocale = (locale: string): MessageLocale => (locale === 'fr' ? 'fr' : 'en');
/** A label and what follows it, as each language writes it ("Title: text", « Titre : texte »). */
export const labelled = (locale: MessageLocale, label: string, text: string) =>
  `${label}${locale === 'fr' ? ' : ' : ': '}${text}`;

/** Dates are days and months of the calendar, not instants: written as UTC has them. */
const FORMATS = {
  date: {
    day: { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' },
    month: { month: 'long', timeZone: 'UTC' },
  },
} as const;

/** Each message of the catalogues parsed once per language (an inbox writes 100 events at once). */
const parsed = new Map<string, IntlMessageFormat>();

/** An ICU message (plurals, numbers, dates as the locale writes them) with its values. */
export function formatMessage(
  message: string,
  locale: MessageLocale,
  values: Record<string, unknown>,
): string {
  const key = `${locale}\n${message}`;
  let format = parsed.get(key);
  if (!format) {
    format = new IntlMessageFormat(message, locale, FORMATS);
    parsed.set(key, format);
  }
  return String(format.format(values));
}

/** Where a keyword or batch lives, as people name it: "Etsy US". */
export const placeName = (platform: string, marketplace: string) =>
  `${PLATFORM_LABELS[platform as keyof typeof PLATFORM_LABELS] ?? platform} ${marketplace}`;
