import { z } from 'zod';
import { DataSourceSchema, KEYWORD_QUERY_MAX } from './keywords';
import { MarketplaceSchema, PlatformSchema } from './platforms';

/** `/keywords/{platform}/{keyword}/...`: one keyword on one platform. */
export const KeywordParamsSchema = z.object({
  platform: PlatformSchema,
  keyword: z
    .string()
    .trim()
    .min(1, 'keyword must not be empty')
    .max(KEYWORD_QUERY_MAX, `keyword must be at most ${KEYWORD_QUERY_MAX} characters`),
});
export type KeywordParams = z.infer<typeof KeywordParamsSchema>;

export const MarketplaceQuerySchema = z.object({ marketplace: MarketplaceSchema.default('US') });
export type MarketplaceQuery = z.infer<typeof MarketplaceQuerySchema>;

const Explained = { explanation: z.string() };

/**
 * The phrases a keyword's `reason` is made of, joined by ", " (demand, then supply, then the
 * trend when it moves): a closed set, so that a client can show them in its reader's language.
 */
export const REASON_PHRASES = {
  demand: { high: 'high demand', steady: 'steady demand', little: 'little demand' },
  supply: {
    fewStrong: 'few strong listings',
    dominated: 'dominated by strong listings',
    crowded: 'crowded with listings',
    someStrong: 'some strong listings',
  },
  trend: { growing: 'growing', declining: 'declining' },
} as const;

/**
 * The observations a volume estimate rests on, as figures, so that a client can say it in its
 * reader's language (`explanation` says it in English). Null while the estimate is pending, for
 * demo data, and for estimates computed before it was recorded.
 */
export const VolumeBasisSchema = z
  .object({
    /** The keyword's best position among the marketplace's suggestions, after typing `prefixLength` characters, under `prefixes` prefixes. */
    autocomplete: z
      .object({
        position: z.number().int(),
        prefixLength: z.number().int(),
        prefixes: z.number().int(),
      })
      .nullable(),
    listingCount: z.number().int().nullable(),
    favouritesMedian: z.number().nullable(),
    salesRankMedian: z.number().nullable(),
  })
  .meta({ id: 'VolumeBasis' });
export type VolumeBasis = z.infer<typeof VolumeBasisSchema>;

/** How strong a keyword's top listings are, in a word; null when not estimated yet. */
export const TopListingsSchema = z.enum(['strong', 'established', 'weak']);
export type TopListings = z.infer<typeof TopListingsSchema>;

export const TrendSchema = z
  .object({
    direction: z.enum(['up', 'flat', 'down']),
    yearlyChangePct: z.number(),
    /**
     * False when the history cannot yet tell growth from the season (a seasonal keyword with
     * less than 65 weeks): `yearlyChangePct` is then 0 and says nothing.
     */
    yearlyChangeKnown: z.boolean(),
    strength: z.number(),
    seasonality: z
      .object({
        index: z.array(z.number()),
        strength: z.number(),
        peakMonths: z.array(z.number().int()),
        /**
         * The month (1-12) the rise to the strongest peak begins: list before it. Null without a
         * peak; absent from trends stored before it was measured.
         */
        risesFrom: z.number().int().min(1).max(12).nullable().optional(),
      })
      .nullable(),
    trendingNow: z.object({ trending: z.boolean(), recentGrowthPct: z.number() }),
    explanation: z.string(),
  })
  .meta({ id: 'Trend' });
export type Trend = z.infer<typeof TrendSchema>;

export const KeywordDetailSchema = z
  .object({
    id: z.string(),
    keyword: z.string(),
    platform: PlatformSchema,
    marketplace: z.string(),
    source: DataSourceSchema,
    isDemo: z.boolean(),
    /** When the marketplace data was last collected. */
    lastUpdated: z.string().meta({ format: 'date-time' }),
    /** When the estimates were computed, and with which model; null while they are pending. */
    estimatedAt: z.string().meta({ format: 'date-time' }).nullable(),
    model: z.string().nullable(),
    volume: z
      .object({
        monthly: z.number().int(),
        low: z.number().int(),
        high: z.number().int(),
        evidence: z.string(),
        basis: VolumeBasisSchema.nullable(),
        ...Explained,
      })
      .nullable(),
    competition: z
      .object({
        score: z.number(),
        level: z.enum(['low', 'medium', 'high', 'very high']),
        listingCount: z.number().int().nullable(),
        topListings: TopListingsSchema.nullable(),
        ...Explained,
      })
      .nullable(),
    cpc: z
      .object({
        value: z.number(),
        low: z.number(),
        high: z.number(),
        currency: z.string(),
        source: z.enum(['ads-api', 'model']),
        ...Explained,
      })
      .nullable(),
    difficulty: z.number().int().nullable(),
    opportunity: z.number().int().nullable(),
    /** One line: why this keyword is or is not worth it. */
    reason: z.string().nullable(),
    price: z.object({ min: z.number(), median: z.number(), max: z.number() }).nullable(),
    trend: TrendSchema.nullable(),
  })
  .meta({ id: 'KeywordDetail' });
export type KeywordDetail = z.infer<typeof KeywordDetailSchema>;

export const KeywordTrendsQuerySchema = MarketplaceQuerySchema.extend({
  horizon: z.coerce.number().int().min(1).max(52).default(13),
});
export type KeywordTrendsQuery = z.infer<typeof KeywordTrendsQuerySchema>;

export const KeywordTrendsSchema = z
  .object({
    keyword: z.string(),
    platform: PlatformSchema,
    marketplace: z.string(),
    isDemo: z.boolean(),
    /** Weekly estimated searches, oldest first (weeks start on Monday). */
    weekly: z.array(z.object({ periodStart: z.string(), volume: z.number().int() })),
    trend: TrendSchema.nullable(),
    /**
     * What the forecast follows: `yearly_season` when the last two years agree on a season (the
     * series is forecast without it, then the season is put back), `recent_weeks` otherwise (the
     * recent level and trend; below two years of history always). Null with the forecast.
     */
    forecastBasis: z.enum(['yearly_season', 'recent_weeks']).nullable(),
    /** Null below 8 weeks of history. */
    forecast: z
      .array(
        z.object({
          periodStart: z.string(),
          volume: z.number(),
          lo80: z.number(),
          hi80: z.number(),
          lo95: z.number(),
          hi95: z.number(),
        }),
      )
      .nullable(),
  })
  .meta({ id: 'KeywordTrends' });
export type KeywordTrends = z.infer<typeof KeywordTrendsSchema>;

export const ListingSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    price: z.number().nullable(),
    currency: z.string().nullable(),
    reviews: z.number().nullable(),
    favourites: z.number().nullable(),
    salesRank: z.number().nullable(),
    seller: z.string().nullable(),
    url: z.string().nullable(),
  })
  .meta({ id: 'Listing' });

export const KeywordCompetitionSchema = z
  .object({
    keyword: z.string(),
    platform: PlatformSchema,
    marketplace: z.string(),
    isDemo: z.boolean(),
    listingCount: z.number().int().nullable(),
    competition: KeywordDetailSchema.shape.competition,
    price: z
      .object({
        min: z.number(),
        median: z.number(),
        max: z.number(),
        /** Listings of the first page per price band. */
        histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
      })
      .nullable(),
    sellers: z.array(z.object({ seller: z.string(), listings: z.number().int() })),
    topListings: z.array(ListingSchema),
    lastUpdated: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'KeywordCompetition' });
export type KeywordCompetition = z.infer<typeof KeywordCompetitionSchema>;
