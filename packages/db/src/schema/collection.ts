import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

/** One autocomplete answer line: `keyword` shown at `position` when `prefix` was typed. */
export const suggestionObservations = pgTable(
  'suggestion_observations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    platform: text('platform').notNull(),
    marketplace: text('marketplace').notNull(),
    keyword: text('keyword').notNull(),
    prefix: text('prefix').notNull(),
    position: smallint('position').notNull(),
    depth: smallint('depth').notNull(),
    /** When the collection was scheduled: the same for every retry of a job, so writes are idempotent. */
    observedAt: timestamp('observed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('suggestion_observations_natural_key').on(
      t.platform,
      t.marketplace,
      t.prefix,
      t.keyword,
      t.observedAt,
    ),
    index('suggestion_observations_keyword_idx').on(
      t.platform,
      t.marketplace,
      t.keyword,
      t.observedAt.desc(),
    ),
  ],
);

/** Marketplace payloads that failed validation: kept with their error, never written as data. */
export const quarantinedPayloads = pgTable(
  'quarantined_payloads',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    platform: text('platform').notNull(),
    operation: text('operation').notNull(),
    request: text('request').notNull(),
    errorCode: text('error_code').notNull(),
    errorMessage: text('error_message').notNull(),
    details: jsonb('details'),
    payload: text('payload'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('quarantined_payloads_platform_created_idx').on(t.platform, t.createdAt.desc())],
);

/** A collection someone asked for (a search for an unknown keyword), with its progress. */
export const collectionRequests = pgTable(
  'collection_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    platform: text('platform').notNull(),
    marketplace: text('marketplace').notNull(),
    keyword: text('keyword').notNull(),
    status: text('status').notNull().default('queued'),
    requestsDone: integer('requests_done').notNull().default(0),
    requestsPlanned: integer('requests_planned').notNull().default(0),
    keywordsFound: integer('keywords_found').notNull().default(0),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('collection_requests_lookup_idx').on(
      t.platform,
      t.marketplace,
      t.keyword,
      t.createdAt.desc(),
    ),
    check(
      'collection_requests_status_check',
      sql`${t.status} in ('queued', 'running', 'done', 'failed')`,
    ),
  ],
);
