import { z } from 'zod';
import { CollectionStatusSchema } from './collections';
import { KeywordFiltersSchema, POPULAR_SORTS } from './keyword-filters';
import { MarketplaceSchema, PlatformSchema } from './platforms';

export const KEYWORD_QUERY_MAX = 200;
export const SEARCH_LIMIT_DEFAULT = 20;
export const SEARCH_LIMIT_MAX = 100;

/** Search results: by relevance (the default), or by one of the list orders. */
export const SEARCH_SORTS = ['relevance', ...POPULAR_SORTS] as const;

export const KeywordSearchQuerySchema = KeywordFiltersSchema.extend({
  q: z
    .string()
    .trim()
    .min(1, 'q must not be empty')
    .max(KEYWORD_QUERY_MAX, `q must be at most ${KEYWORD_QUERY_MAX} characters`),
  platform: PlatformSchema,
  marketplace: MarketplaceSchema.default('US'),
  sort: z.enum(SEARCH_SORTS).default('relevance'),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(SEARCH_LIMIT_DEFAULT),
  cursor: z.string().max(500).optional(),
});
export type KeywordSearchQuery = z.infer<typeof KeywordSearchQuerySchema>;

export const DataSourceSchema = z.enum(['demo', 'sandbox', 'marketplace', 'import']);
export type DataSource = z.infer<typeof DataSourceSchema>;

export const KeywordSummarySchema = z
  .object({
    id: z.string(),
    keyword: z.string(),
    platform: PlatformSchema,
    marketplace: z.string().meta({ example: 'US' }),
    searchVolume: z.number().int().nullable(),
    volumeLow: z.number().int().nullable(),
    volumeHigh: z.number().int().nullable(),
    competition: z.number().min(0).max(1).nullable(),
    cpc: z.number().nullable(),
    difficulty: z.number().int().nullable(),
    opportunity: z.number().int().nullable(),
    listingCount: z.number().int().nullable(),
    /**
     * How the keyword's searches change in a year, in percent (the trend's `yearlyChangePct`);
     * null until its history can tell growth from the season.
     */
    yearlyChangePct: z.number().nullable(),
    relevance: z.number(),
    source: DataSourceSchema,
    isDemo: z.boolean(),
    lastUpdated: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'KeywordSummary' });
export type KeywordSummary = z.infer<typeof KeywordSummarySchema>;

export const KeywordSearchResponseSchema = z
  .object({
    data: z.array(KeywordSummarySchema),
    nextCursor: z.string().nullable(),
    /** Set when the keyword was unknown: a collection was started; poll /api/v1/collections/{id}. */
    collection: CollectionStatusSchema.nullable(),
  })
  .meta({ id: 'KeywordSearchResponse' });
export type KeywordSearchResponse = z.infer<typeof KeywordSearchResponseSchema>;
