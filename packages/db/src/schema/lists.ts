import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { keywordData } from './keywords';
import { users } from './users';

/** A user's named keyword list; shared read-only by link when it has a share token. */
export const keywordLists = pgTable(
  'keyword_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null until accounts exist: the anonymous workspace of the embedded platform. */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    shareToken: text('share_token').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('keyword_lists_owner_idx').on(t.ownerId, t.createdAt.desc()),
    check('keyword_lists_name_check', sql`length(${t.name}) between 1 and 100`),
  ],
);

export const keywordListItems = pgTable(
  'keyword_list_items',
  {
    listId: uuid('list_id')
      .notNull()
      .references(() => keywordLists.id, { onDelete: 'cascade' }),
    keywordId: bigint('keyword_id', { mode: 'number' })
      .notNull()
      .references(() => keywordData.id, { onDelete: 'cascade' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.listId, t.keywordId] }),
    index('keyword_list_items_keyword_idx').on(t.keywordId),
  ],
);
