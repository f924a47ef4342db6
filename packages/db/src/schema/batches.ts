import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { keywordData } from './keywords';
import { users } from './users';

/** A bulk analysis of up to 10,000 keywords on one platform, run as a job. */
export const batchAnalyses = pgTable(
  'batch_analyses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    marketplace: text('marketplace').notNull(),
    status: text('status').notNull().default('queued'),
    total: integer('total').notNull(),
    /** Keywords looked up so far. */
    done: integer('done').notNull().default(0),
    /** Of those, keywords without data, queued for collection. */
    collecting: integer('collecting').notNull().default(0),
    collectMissing: boolean('collect_missing').notNull().default(true),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('batch_analyses_owner_idx').on(t.ownerId, t.createdAt.desc()),
    check(
      'batch_analyses_status_check',
      sql`${t.status} in ('queued', 'running', 'completed', 'failed')`,
    ),
    check('batch_analyses_done_check', sql`${t.done} between 0 and ${t.total}`),
  ],
);

/** The keywords of a batch in the order given; keyword_id once found on the platform. */
export const batchAnalysisItems = pgTable(
  'batch_analysis_items',
  {
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batchAnalyses.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    keyword: text('keyword').notNull(),
    keywordId: bigint('keyword_id', { mode: 'number' }).references(() => keywordData.id, {
      onDelete: 'set null',
    }),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.position] })],
);
