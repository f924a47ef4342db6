import { z } from 'zod';
import { PLAN_NAMES, type PlanName, planOf } from '../quotas/plans';
import { AlertFactsSchema, describeAlert } from '../tracking/describe-alert';
import copy from './event-copy.json';
import { formatMessage, messageLocale, placeName } from './format-message';

const where = { platform: z.string(), marketplace: z.string() };
const plan = z.enum(PLAN_NAMES as [PlanName, ...PlanName[]]);

/**
 * What each event other than alerts (`describe-alert.ts`) says, as figures: kept in the event's
 * `data`, so that it is written in the reader's language when read or sent. An event stored
 * before its facts were keeps the text it was stored with.
 */
const FACTS = {
  'batch.completed': z.object({
    total: z.number(),
    found: z.number(),
    collecting: z.number(),
    ...where,
  }),
  'batch.failed': z.object({ total: z.number(), ...where }),
  'import.completed': z.object({
    importId: z.number(),
    filename: z.string().nullable(),
    imported: z.number(),
    skipped: z.number(),
  }),
  // Its body is the reason the import was refused, as the file's reader wrote it.
  'import.failed': z.object({ importId: z.number(), filename: z.string().nullable() }),
  'subscription.changed': z.object({ from: plan, to: plan }),
};
type Described = keyof typeof FACTS;
export type EventFacts<T extends Described> = z.infer<(typeof FACTS)[T]>;

function valuesOf(type: Described, data: Record<string, unknown>): Record<string, unknown> {
  if (type === 'subscription.changed')
    return { from: planOf(data.from as PlanName).label, to: planOf(data.to as PlanName).label };
  if (type === 'import.completed' || type === 'import.failed')
    return { ...data, name: data.filename ?? `Import ${data.importId}` };
  return { ...data, where: placeName(String(data.platform), String(data.marketplace)) };
}

/**
 * An event's title and body in `locale`, from its facts; `body` is used where the copy has none
 * (a failed import's: the reason it was refused).
 */
export function describeEvent<T extends Described>(
  type: T,
  facts: EventFacts<T>,
  locale: string,
  body = '',
): { title: string; body: string } {
  const lang = messageLocale(locale);
  const messages: { title: string; body?: string } = copy[lang][type];
  const values = valuesOf(type, facts);
  return {
    title: formatMessage(messages.title, lang, values),
    body: messages.body ? formatMessage(messages.body, lang, values) : body,
  };
}

/**
 * A stored event's text in `locale`: written anew from its facts when it has them (alerts,
 * batches, imports, plan changes), else the text it was stored with (events from before).
 */
export function localizeEvent<
  T extends { type: string; title: string; body: string; data: unknown },
>(event: T, locale: string): T {
  if (event.type === 'keyword.alert') {
    const facts = AlertFactsSchema.safeParse(event.data);
    return facts.success ? { ...event, ...describeAlert(facts.data, locale) } : event;
  }
  if (!Object.hasOwn(FACTS, event.type)) return event;
  const type = event.type as Described;
  const facts = FACTS[type].safeParse(event.data);
  if (!facts.success) return event;
  return {
    ...event,
    ...describeEvent(type, facts.data as EventFacts<typeof type>, locale, event.body),
  };
}
