import catalog from './events.json';

/** The events the platform sends, in-app, by email and to webhooks (documented in docs/WEBHOOKS.md). */
export const EVENT_CATALOG = catalog;
export const EVENT_TYPES = Object.keys(catalog) as EventType[];
export type EventType = keyof typeof catalog;

/** What a webhook receives: the event, the same in the delivery log and the in-app inbox. */
export type EventEnvelope = {
  id: string;
  type: EventType;
  createdAt: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
};
