import { z } from 'zod';
import { KeywordRefSchema } from './lists';
import { PlatformSchema } from './platforms';

export const TrackBodySchema = z.union([
  z.object({
    keywords: z.array(KeywordRefSchema).min(1, 'give at least one keyword').max(1_000),
    source: z.enum(['search', 'import', 'api']).default('api'),
  }),
  z.object({ listId: z.uuid('listId must be a list id') }),
  z.object({ importId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
]);
export const TrackResultSchema = z.object({
  tracked: z.number().int(),
  /** Keywords not known on their platform yet (search them first: that collects them). */
  notFound: z.array(
    z.object({ platform: PlatformSchema, marketplace: z.string(), keyword: z.string() }),
  ),
  used: z.number().int(),
  limit: z.number().int(),
});
export const TrackedKeywordSchema = z
  .object({
    id: z.string(),
    keyword: z.string(),
    platform: PlatformSchema,
    marketplace: z.string(),
    source: z.string(),
    searchVolume: z.number().int().nullable(),
    competition: z.number().nullable(),
    opportunity: z.number().int().nullable(),
    trending: z.boolean(),
    /** The keyword's change in a year, in percent (as in every keyword list); null until known. */
    yearlyChangePct: z.number().nullable(),
    /** Volume change since the baseline of the alert rules (the last volume alert, or tracking start). */
    volumeChangePct: z.number().nullable(),
    since: z.string().nullable(),
    checkedAt: z.string().nullable(),
    nextRefreshAt: z.string(),
    lastUpdated: z.string(),
    createdAt: z.string(),
    isDemo: z.boolean(),
  })
  .meta({ id: 'TrackedKeyword' });
export const TrackedKeywordsSchema = z.object({
  data: z.array(TrackedKeywordSchema),
  used: z.number().int(),
  limit: z.number().int(),
  refreshHours: z.number().int(),
});
export const TrackedHistorySchema = z.object({
  data: z.array(
    z.object({
      date: z.string(),
      searchVolume: z.number().int().nullable(),
      competition: z.number().nullable(),
      cpc: z.number().nullable(),
      difficulty: z.number().int().nullable(),
      opportunity: z.number().int().nullable(),
      listingCount: z.number().int().nullable(),
      trending: z.boolean(),
    }),
  ),
});
export const IdParamsSchema = z.object({ id: z.uuid('id must be a uuid') });

export const AlertKindSchema = z.enum([
  'volume_change',
  'trending',
  'seasonal_peak',
  'competition_jump',
  'new_related',
]);
export const AlertRuleSchema = z
  .object({
    id: z.string(),
    kind: AlertKindSchema,
    threshold: z.number(),
    trackedKeywordId: z.string().nullable(),
    enabled: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'AlertRule' });
export const AlertRulesSchema = z.object({ data: z.array(AlertRuleSchema) });
/** Thresholds: percent (volume_change), points of 100 (competition_jump), days ahead (seasonal_peak), opportunity score (new_related); trending takes 1. */
export const CreateAlertRuleBodySchema = z.object({
  kind: AlertKindSchema,
  threshold: z.number().positive().max(10_000),
  trackedKeywordId: z.uuid().nullish(),
});
export const UpdateAlertRuleBodySchema = z
  .object({ threshold: z.number().positive().max(10_000), enabled: z.boolean() })
  .partial()
  .refine((v) => v.threshold !== undefined || v.enabled !== undefined, 'nothing to change');

export const EventTypeSchema = z.enum([
  'keyword.alert',
  'batch.completed',
  'batch.failed',
  'import.completed',
  'import.failed',
  'subscription.changed',
  'webhook.test',
]);
export const NotificationSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    title: z.string(),
    body: z.string(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export const NotificationsQuerySchema = z.object({
  unread: z.stringbool().default(false),
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const NotificationPageSchema = z.object({
  data: z.array(NotificationSchema),
  unread: z.number().int(),
  nextBefore: z.string().nullable(),
});
export const MarkReadBodySchema = z.object({ ids: z.array(z.uuid()).min(1).max(500).optional() });
export const MarkReadResultSchema = z.object({ changed: z.number().int() });
export const NotificationSettingsSchema = z.object({
  emailMode: z.enum(['off', 'immediate', 'daily', 'weekly']),
});

export const WebhookSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['webhook', 'slack']),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(EventTypeSchema),
    enabled: z.boolean(),
    consecutiveFailures: z.number().int(),
    disabledReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Webhook' });
export const CreatedWebhookSchema = WebhookSchema.extend({
  /** The signing secret (generic webhooks): shown this once. */
  secret: z.string().nullable(),
}).meta({ id: 'CreatedWebhook' });
export const WebhooksSchema = z.object({ data: z.array(WebhookSchema) });
export const CreateWebhookBodySchema = z.object({
  kind: z.enum(['webhook', 'slack']).default('webhook'),
  url: z.url().max(2_000),
  events: z
    .array(EventTypeSchema.exclude(['webhook.test']))
    .min(1, 'give at least one event')
    .max(10),
  description: z.string().trim().max(200).optional(),
});
export const DeliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    type: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });
export const DeliveriesSchema = z.object({ data: z.array(DeliverySchema) });
export const TestDeliverySchema = z.object({
  deliveryId: z.string(),
  status: z.enum(['succeeded', 'pending', 'failed', 'gone']),
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
});
export const EventCatalogSchema = z.object({
  data: z.array(z.object({ type: EventTypeSchema, description: z.string() })),
});
