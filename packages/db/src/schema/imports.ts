import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users';

/** One imported file: Brand Analytics, Keyword Planner or a plain keyword,platform,volume CSV. */
export const keywordImports = pgTable(
  'keyword_imports',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Who uploaded it: their data, deleted with their account. */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    filename: text('filename'),
    marketplace: text('marketplace').notNull().default('US'),
    rowsImported: integer('rows_imported').notNull(),
    rowsSkipped: integer('rows_skipped').notNull(),
    /** The first skipped rows with their line numbers and reasons. */
    skipped: jsonb('skipped').notNull().default([]),
    /**
     * Uploads are imported by a job (queued, running, then completed or failed); the CLI's
     * imports are written at once (completed).
     */
    status: text('status').notNull().default('completed'),
    /** The file's size; while the job runs, its progress is the bytes read (in the cache). */
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
    /**
     * Which run of the import job holds it: each run that claims it counts one more, and writes
     * only while the count is still its own (a second run of the job takes over from the first).
     */
    run: integer('run').notNull().default(0),
    /** Why a failed import wrote nothing: `{ code, message, details? }`. */
    error: jsonb('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('keyword_imports_owner_idx').on(t.ownerId),
    check(
      'keyword_imports_kind_check',
      sql`${t.kind} in ('brand-analytics', 'keyword-planner', 'csv')`,
    ),
    check(
      'keyword_imports_status_check',
      sql`${t.status} in ('queued', 'running', 'completed', 'failed')`,
    ),
  ],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/**
 * An uploaded report waiting for its import job, in pieces of up to 1 MB (read one at a time by
 * the job, which deletes them when it is done). In PostgreSQL, so that the API and the worker
 * share it with no other store.
 */
export const keywordImportUploads = pgTable(
  'keyword_import_uploads',
  {
    importId: bigint('import_id', { mode: 'number' })
      .notNull()
      .references(() => keywordImports.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
);

/** A keyword's figures as a report gave them: ground truth for calibration, and user data. */
export const importedMetrics = pgTable(
  'imported_metrics',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    importId: bigint('import_id', { mode: 'number' })
      .notNull()
      .references(() => keywordImports.id, { onDelete: 'cascade' }),
    keyword: text('keyword').notNull(),
    /** amazon, etsy, ebay, or google (Keyword Planner: web searches). */
    platform: text('platform').notNull(),
    marketplace: text('marketplace').notNull(),
    line: integer('line').notNull(),
    volume: integer('volume'),
    volumeLow: integer('volume_low'),
    volumeHigh: integer('volume_high'),
    /** Amazon Brand Analytics search frequency rank (1 = most searched). */
    searchFrequencyRank: integer('search_frequency_rank'),
    competition: real('competition'),
    bidLow: numeric('bid_low', { precision: 10, scale: 2, mode: 'number' }),
    bidHigh: numeric('bid_high', { precision: 10, scale: 2, mode: 'number' }),
    /** Month (YYYY-MM) -> searches. */
    monthly: jsonb('monthly'),
  },
  (t) => [
    index('imported_metrics_lookup_idx').on(t.platform, t.marketplace, t.keyword),
    /** An import's rows: its keywords to track, its owner's export, a failed run's rows dropped. */
    index('imported_metrics_import_idx').on(t.importId, t.id),
    check(
      'imported_metrics_platform_check',
      sql`${t.platform} in ('amazon', 'etsy', 'ebay', 'google')`,
    ),
  ],
);
