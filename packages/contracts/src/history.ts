import { z } from 'zod';
import { KeywordSummarySchema } from './keywords';
import { MarketplaceSchema, PlatformSchema } from './platforms';

export const SearchHistoryQuerySchema = z.object({
  platform: PlatformSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(300).optional(),
});
export type SearchHistoryQuery = z.infer<typeof SearchHistoryQuerySchema>;

export const SearchHistoryPageSchema = z
  .object({
    data: z.array(
      z.object({
        keyword: z.string(),
        platform: PlatformSchema,
        marketplace: z.string(),
        resultCount: z.number().int(),
        searchedAt: z.string().meta({ format: 'date-time' }),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'SearchHistoryPage' });
export type SearchHistoryPage = z.infer<typeof SearchHistoryPageSchema>;

export const DashboardSchema = z
  .object({
    recentSearches: SearchHistoryPageSchema.shape.data,
    /** Keywords known per platform, and how many were collected in the last 7 days. */
    platforms: z.array(
      z.object({
        platform: PlatformSchema,
        keywords: z.number().int(),
        collectedThisWeek: z.number().int(),
      }),
    ),
    topOpportunities: z.array(KeywordSummarySchema),
    trending: z.array(KeywordSummarySchema),
    lists: z.number().int(),
    batches: z.object({ running: z.number().int(), completed: z.number().int() }),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof DashboardSchema>;

export const GlobalTrendsQuerySchema = z.object({
  platform: PlatformSchema,
  marketplace: MarketplaceSchema.default('US'),
});
export type GlobalTrendsQuery = z.infer<typeof GlobalTrendsQuerySchema>;

export const GlobalTrendsSchema = z
  .object({
    platform: PlatformSchema,
    marketplace: z.string(),
    /** Weekly searches summed over the platform's most searched keywords (an index of demand). */
    weekly: z.array(z.object({ periodStart: z.string(), volume: z.number() })),
    basedOn: z.number().int(),
    /** Keywords growing fastest over the year: only those whose history tells growth from the season. */
    rising: z.array(
      KeywordSummarySchema.extend({
        /** Change of the keyword's searches over a year, in percent (above 0). */
        yearlyChangePct: z.number(),
      }).meta({ id: 'RisingKeyword' }),
    ),
    /** Keywords whose seasonal peak is next month: list them now. */
    peakingNextMonth: z.array(KeywordSummarySchema),
  })
  .meta({ id: 'GlobalTrends' });
export type GlobalTrends = z.infer<typeof GlobalTrendsSchema>;
