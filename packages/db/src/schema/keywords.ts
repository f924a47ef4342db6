import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { users } from './users';

const platformCheck = (column: unknown) => sql`${column} in ('amazon', 'etsy', 'ebay')`;
const money = (name: string) => numeric(name, { precision: 10, scale: 2, mode: 'number' });

/** The latest known estimates for one keyword on one platform and marketplace. */
export const keywordData = pgTable(
  'keyword_data',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    keyword: text('keyword').notNull(),
    platform: text('platform').notNull(),
    marketplace: text('marketplace').notNull().default('US'),
    searchVolume: integer('search_volume'),
    volumeLow: integer('volume_low'),
    volumeHigh: integer('volume_high'),
    competition: real('competition'),
    cpc: money('cpc'),
    difficulty: smallint('difficulty'),
    opportunity: smallint('opportunity'),
    listingCount: integer('listing_count'),
    priceMin: money('price_min'),
    priceMedian: money('price_median'),
    priceMax: money('price_max'),
    /** What the top listings of the latest search showed (the volume and competition inputs). */
    listingsShown: smallint('listings_shown'),
    favouritesMedian: real('favourites_median'),
    reviewsMedian: real('reviews_median'),
    salesRankMedian: real('sales_rank_median'),
    topSellerShare: real('top_seller_share'),
    /** The first listings of the latest search (title, price, social proof, seller), for competition analysis. */
    topListings: jsonb('top_listings'),
    /** Estimates' explanations, evidence and model version, for the UI. */
    estimates: jsonb('estimates'),
    trendData: jsonb('trend_data'),
    source: text('source').notNull(),
    lastUpdated: timestamp('last_updated', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('keyword_data_platform_marketplace_keyword_key').on(
      t.platform,
      t.marketplace,
      t.keyword,
    ),
    index('keyword_data_keyword_trgm_idx').using('gin', t.keyword.op('gin_trgm_ops')),
    // Written in the migrations alone: keyword_data_prefix_idx (0014; drizzle has no INCLUDE), the
    // words indexes (0012) and the pairs indexes (0015), on expressions.
    index('keyword_data_platform_volume_idx').on(t.platform, t.searchVolume.desc()),
    check('keyword_data_platform_check', platformCheck(t.platform)),
    check(
      'keyword_data_source_check',
      sql`${t.source} in ('demo', 'sandbox', 'marketplace', 'import')`,
    ),
    check('keyword_data_competition_check', sql`${t.competition} between 0 and 1`),
    check(
      'keyword_data_keyword_check',
      sql`${t.keyword} = lower(${t.keyword}) and length(${t.keyword}) between 1 and 200`,
    ),
  ],
);

/** Every word seen in a platform's keywords, for correcting typos in searches (migration 0013). */
export const keywordVocabulary = pgTable(
  'keyword_vocabulary',
  {
    platform: text('platform').notNull(),
    word: text('word').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.word] })],
);

/** Weekly time series of a keyword's metrics: one row per keyword and week. */
export const keywordObservations = pgTable(
  'keyword_observations',
  {
    keywordId: bigint('keyword_id', { mode: 'number' })
      .notNull()
      .references(() => keywordData.id, { onDelete: 'cascade' }),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    searchVolume: integer('search_volume'),
    listingCount: integer('listing_count'),
    competition: real('competition'),
    cpc: money('cpc'),
    avgPrice: money('avg_price'),
    source: text('source').notNull(),
    observedAt: timestamp('observed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.keywordId, t.periodStart] }),
    index('keyword_observations_period_idx').on(t.periodStart),
  ],
);

/** What a user searched and what they saw. */
export const keywordSearches = pgTable(
  'keyword_searches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    keyword: text('keyword').notNull(),
    platform: text('platform').notNull(),
    marketplace: text('marketplace').notNull().default('US'),
    resultCount: integer('result_count').notNull().default(0),
    results: jsonb('results'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('keyword_searches_user_created_idx').on(t.userId, t.createdAt.desc()),
    check('keyword_searches_platform_check', platformCheck(t.platform)),
  ],
);
