import { z } from 'zod';
import { MarketplaceQuerySchema } from './keyword-detail';
import { KeywordFiltersSchema, POPULAR_SORTS } from './keyword-filters';
import { KEYWORD_QUERY_MAX, KeywordSearchQuerySchema, KeywordSummarySchema } from './keywords';
import { ExportFormatSchema } from './lists';
import { MarketplaceSchema, PlatformSchema } from './platforms';

export const RelatedQuerySchema = MarketplaceQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RelatedQuery = z.infer<typeof RelatedQuerySchema>;

export const RelatedKeywordsSchema = z
  .object({
    keyword: z.string(),
    platform: PlatformSchema,
    marketplace: z.string(),
    data: z.array(
      z.object({
        keyword: z.string(),
        relation: z.enum(['longer-tail', 'modifier', 'shared-topic']),
        /**
         * How much of the seed's meaning the keyword holds, 0-1: 1 for a longer tail or the seed
         * with a modifier; for a shared topic, the share of the seed's words it holds, each word
         * weighing more the fewer related keywords hold it.
         */
        closeness: z.number().min(0).max(1),
        score: z.number(),
        searchVolume: z.number().int().nullable(),
        difficulty: z.number().int().nullable(),
        opportunity: z.number().int().nullable(),
      }),
    ),
    /** The related keywords grouped into named topics. */
    clusters: z.array(
      z.object({ name: z.string(), keywords: z.array(z.string()), volume: z.number() }),
    ),
  })
  .meta({ id: 'RelatedKeywords' });
export type RelatedKeywords = z.infer<typeof RelatedKeywordsSchema>;

export const SuggestQuerySchema = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(100, 'q must be at most 100 characters'),
  platform: PlatformSchema,
  marketplace: MarketplaceSchema.default('US'),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});
export type SuggestQuery = z.infer<typeof SuggestQuerySchema>;

export const SuggestionsSchema = z
  .object({
    data: z.array(z.object({ keyword: z.string(), searchVolume: z.number().int().nullable() })),
  })
  .meta({ id: 'Suggestions' });
export type Suggestions = z.infer<typeof SuggestionsSchema>;

export const CompareQuerySchema = MarketplaceQuerySchema.extend({
  keyword: z.string().trim().min(1, 'keyword must not be empty').max(KEYWORD_QUERY_MAX),
});
export type CompareQuery = z.infer<typeof CompareQuerySchema>;

export const PlatformComparisonSchema = z
  .object({
    keyword: z.string(),
    marketplace: z.string(),
    platforms: z.array(
      z.object({
        platform: PlatformSchema,
        /** False when the platform has no data for this keyword yet. */
        known: z.boolean(),
        searchVolume: z.number().int().nullable(),
        competition: z.number().nullable(),
        cpc: z.number().nullable(),
        difficulty: z.number().int().nullable(),
        opportunity: z.number().int().nullable(),
        listingCount: z.number().int().nullable(),
        priceMedian: z.number().nullable(),
        isDemo: z.boolean(),
      }),
    ),
    /** The platform with the best opportunity, when any is known. */
    best: PlatformSchema.nullable(),
  })
  .meta({ id: 'PlatformComparison' });
export type PlatformComparison = z.infer<typeof PlatformComparisonSchema>;

export const PopularQuerySchema = KeywordFiltersSchema.extend({
  platform: PlatformSchema,
  marketplace: MarketplaceSchema.default('US'),
  sort: z.enum(POPULAR_SORTS).default('volume'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type PopularQuery = z.infer<typeof PopularQuerySchema>;

export const KeywordPageSchema = z
  .object({ data: z.array(KeywordSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'KeywordPage' });
export type KeywordPage = z.infer<typeof KeywordPageSchema>;

export const PopularExportQuerySchema = PopularQuerySchema.omit({
  limit: true,
  cursor: true,
}).extend({
  format: ExportFormatSchema.default('csv'),
});
export type PopularExportQuery = z.infer<typeof PopularExportQuerySchema>;

export const ListingHelpSchema = z
  .object({
    keyword: z.string(),
    platform: PlatformSchema,
    marketplace: z.string(),
    /** Etsy: up to 13 tags of at most 20 characters. */
    etsyTags: z.array(z.string()),
    /** Amazon backend search terms: at most 249 bytes. */
    amazonSearchTerms: z.string(),
    /** eBay: a title of at most 80 characters. */
    ebayTitle: z.string(),
    /** The keywords the text was drawn from, best opportunity first. */
    basedOn: z.array(z.string()),
  })
  .meta({ id: 'ListingHelp' });
export type ListingHelp = z.infer<typeof ListingHelpSchema>;

export const SearchExportQuerySchema = KeywordSearchQuerySchema.omit({
  limit: true,
  cursor: true,
}).extend({
  format: ExportFormatSchema.default('csv'),
});
export type SearchExportQuery = z.infer<typeof SearchExportQuerySchema>;
