import { z } from 'zod';
import { formatMessage, messageLocale, placeName } from '../notifications/format-message';
import copy from './alert-copy.json';

const where = {
  keyword: z.string(),
  platform: z.string(),
  marketplace: z.string(),
};
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}/);

/**
 * What an alert says, as figures: kept in the notification's `data`, so that it can be written
 * in the reader's language when it is read (the inbox) or sent (emails). Alerts stored before
 * these facts were (without `since` or `threshold`) do not parse, and keep their stored text.
 */
export const AlertFactsSchema = z.discriminatedUnion('rule', [
  z.object({
    rule: z.literal('volume_change'),
    ...where,
    from: z.number(),
    to: z.number(),
    changePct: z.number(),
    since: isoDay,
    threshold: z.number(),
  }),
  z.object({
    rule: z.literal('competition_jump'),
    ...where,
    /** Competition as a share (0 to 1), as the estimates keep it. */
    from: z.number(),
    to: z.number(),
    since: isoDay,
    threshold: z.number(),
  }),
  z.object({ rule: z.literal('trending'), ...where, trending: z.boolean() }),
  z.object({
    rule: z.literal('seasonal_peak'),
    ...where,
    peakMonth: z.number().int().min(1).max(12),
    daysToPeak: z.number().int(),
    lift: z.number(),
    threshold: z.number(),
  }),
  z.object({
    rule: z.literal('new_related'),
    ...where,
    related: z.string(),
    opportunity: z.number(),
    searchVolume: z.number().nullable(),
    threshold: z.number(),
  }),
]);
export type AlertFacts = z.infer<typeof AlertFactsSchema>;

export type AlertText = { title: string; body: string };

/** A day of the calendar (`2026-11-01`), as the messages' UTC date formats write it. */
const calendarDay = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

/** The ICU message values of each rule: what its facts say, as the messages name them. */
function valuesOf(facts: AlertFacts): Record<string, string | number | Date> {
  const common = {
    keyword: facts.keyword,
    where: placeName(facts.platform, facts.marketplace),
  };
  switch (facts.rule) {
    case 'volume_change':
      return {
        ...common,
        direction: facts.changePct >= 0 ? 'up' : 'down',
        change: Math.abs(Math.round(facts.changePct)) / 100,
        from: facts.from,
        to: facts.to,
        since: calendarDay(facts.since),
        threshold: facts.threshold / 100,
      };
    case 'competition_jump':
      return {
        ...common,
        points: Math.round((facts.to - facts.from) * 100),
        from: Math.round(facts.from * 100),
        to: Math.round(facts.to * 100),
        since: calendarDay(facts.since),
        threshold: facts.threshold,
      };
    case 'trending':
      return { ...common, trending: String(facts.trending) };
    case 'seasonal_peak':
      return {
        ...common,
        peak: new Date(Date.UTC(2000, facts.peakMonth - 1, 1)),
        days: facts.daysToPeak,
        lift: facts.lift,
        threshold: facts.threshold,
      };
    case 'new_related':
      return {
        ...common,
        related: facts.related,
        opportunity: facts.opportunity,
        volume: facts.searchVolume ? 'known' : 'unknown',
        searches: facts.searchVolume ?? 0,
        threshold: facts.threshold,
      };
  }
}

/** An alert's title and body in `locale` (English unless French), from its facts. */
export function describeAlert(facts: AlertFacts, locale: string): AlertText {
  const lang = messageLocale(locale);
  const messages = copy[lang][facts.rule];
  const values = valuesOf(facts);
  return {
    title: formatMessage(messages.title, lang, values),
    body: formatMessage(messages.body, lang, values),
  };
}
