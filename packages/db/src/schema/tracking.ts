import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { keywordData } from './keywords';
import { users } from './users';

/** A keyword a user follows; `baseline` holds its metrics when the alert rules last looked. */
export const trackedKeywords = pgTable(
  'tracked_keywords',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    keywordId: bigint('keyword_id', { mode: 'number' })
      .notNull()
      .references(() => keywordData.id, { onDelete: 'cascade' }),
    source: text('source').notNull().default('api'),
    baseline: jsonb('baseline'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    nextRefreshAt: timestamp('next_refresh_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('tracked_keywords_user_keyword_key').on(t.userId, t.keywordId),
    index('tracked_keywords_keyword_idx').on(t.keywordId),
    index('tracked_keywords_refresh_idx').on(t.nextRefreshAt),
    check('tracked_keywords_source_check', sql`${t.source} in ('search', 'list', 'import', 'api')`),
  ],
);

/** One row per tracked keyword and day: the history of the metrics a seller watches. */
export const keywordSnapshots = pgTable(
  'keyword_snapshots',
  {
    keywordId: bigint('keyword_id', { mode: 'number' })
      .notNull()
      .references(() => keywordData.id, { onDelete: 'cascade' }),
    takenOn: date('taken_on', { mode: 'string' }).notNull(),
    searchVolume: integer('search_volume'),
    competition: real('competition'),
    cpc: numeric('cpc', { precision: 10, scale: 2, mode: 'number' }),
    difficulty: smallint('difficulty'),
    opportunity: smallint('opportunity'),
    listingCount: integer('listing_count'),
    trending: boolean('trending'),
  },
  (t) => [primaryKey({ columns: [t.keywordId, t.takenOn] })],
);

/** What a user wants to be told about; `trackedKeywordId` null means every tracked keyword. */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    threshold: real('threshold').notNull(),
    trackedKeywordId: uuid('tracked_keyword_id').references(() => trackedKeywords.id, {
      onDelete: 'cascade',
    }),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('alert_rules_user_idx').on(t.userId),
    check(
      'alert_rules_kind_check',
      sql`${t.kind} in ('volume_change', 'trending', 'seasonal_peak', 'competition_jump', 'new_related')`,
    ),
    check('alert_rules_threshold_check', sql`${t.threshold} > 0`),
  ],
);

/** Every event of the catalog a user receives: the in-app inbox and the source of all deliveries. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    data: jsonb('data').notNull().default({}),
    /** The same event is never created twice (e.g. one volume alert per keyword and day). */
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** Sent by email (immediately or in a digest); null while waiting for the next digest. */
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
  },
  (t) => [
    unique('notifications_user_dedupe_key').on(t.userId, t.dedupeKey),
    index('notifications_user_created_idx').on(t.userId, t.createdAt.desc()),
  ],
);

/** How a user wants alerts by email. */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    emailMode: text('email_mode').notNull().default('daily'),
    lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
  },
  (t) => [
    check(
      'notification_settings_email_mode_check',
      sql`${t.emailMode} in ('off', 'immediate', 'daily', 'weekly')`,
    ),
  ],
);

/** Where events are posted: a signed generic webhook or a Slack incoming webhook. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    url: text('url').notNull(),
    description: text('description'),
    /** The signing secret, sealed with ENCRYPTION_KEYS (generic webhooks only). */
    secret: text('secret'),
    events: text('events').array().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledReason: text('disabled_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_endpoints_user_idx').on(t.userId),
    check('webhook_endpoints_kind_check', sql`${t.kind} in ('webhook', 'slack')`),
  ],
);

/** One event to one endpoint: the delivery log, and the outbox a sweep re-queues from. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    responseStatus: integer('response_status'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    unique('webhook_deliveries_endpoint_notification_key').on(t.endpointId, t.notificationId),
    index('webhook_deliveries_endpoint_created_idx').on(t.endpointId, t.createdAt.desc()),
    index('webhook_deliveries_pending_idx').on(t.createdAt).where(sql`status = 'pending'`),
    check(
      'webhook_deliveries_status_check',
      sql`${t.status} in ('pending', 'succeeded', 'failed')`,
    ),
  ],
);
