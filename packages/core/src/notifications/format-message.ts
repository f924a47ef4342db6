import { IntlMessageFormat } from 'intl-messageformat';

/** The languages notifications are written in; English unless French. */
export type MessageLocale = 'en' | 'fr';
export const messageLocale = (locale: string): MessageLocale => (locale === 'fr' ? 'fr' : 'en');

/** Dates are days and months of the calendar, not instants: written as UTC has them. */
const FORMATS = {
  date: {
    day: { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' },
    month: { month: 'long', timeZone: 'UTC' },
  },
} as const;

/** An ICU message (plurals, numbers, dates as the locale writes them) with its values. */
export function formatMessage(
  message: string,
  locale: MessageLocale,
  values: Record<string, unknown>,
): string {
  return String(new IntlMessageFormat(message, locale, FORMATS).format(values));
}

const PLATFORM_NAMES: Record<string, string> = { amazon: 'Amazon', etsy: 'Etsy', ebay: 'eBay' };

/** Where a keyword or batch lives, as people name it: "Etsy US". */
export const placeName = (platform: string, marketplace: string) =>
  `${PLATFORM_NAMES[platform] ?? platform} ${marketplace}`;
