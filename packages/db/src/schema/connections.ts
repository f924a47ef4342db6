import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * A seller's own marketplace credentials (an Etsy API key, eBay application keys, Amazon Ads or
 * Selling Partner tokens), sealed with AES-256-GCM; used by the collections that seller starts.
 */
export const marketplaceConnections = pgTable(
  'marketplace_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    /** The credentials as sealed JSON: never stored, logged or returned in the clear. */
    credentials: text('credentials').notNull(),
    /** Which fields are set, and the last 4 characters of the first: enough to recognise them. */
    fields: text('fields').array().notNull(),
    hint: text('hint').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    unique('marketplace_connections_user_platform_key').on(t.userId, t.platform),
    check(
      'marketplace_connections_platform_check',
      sql`${t.platform} in ('amazon', 'etsy', 'ebay')`,
    ),
  ],
);
