import { z } from 'zod';
import { KeywordFiltersSchema } from './keyword-filters';
import { KEYWORD_QUERY_MAX, KeywordSummarySchema } from './keywords';
import { ExportFormatSchema } from './lists';
import { MarketplaceSchema, PlatformSchema } from './platforms';

export const BATCH_MAX_KEYWORDS = 10_000;

export const CreateBatchBodySchema = z.object({
  platform: PlatformSchema,
  marketplace: MarketplaceSchema.default('US'),
  keywords: z
    .array(z.string().trim().min(1, 'keywords must not be blank').max(KEYWORD_QUERY_MAX))
    .min(1, 'keywords must not be empty')
    .max(
      BATCH_MAX_KEYWORDS,
      `at most ${BATCH_MAX_KEYWORDS.toLocaleString('en-US')} keywords per batch`,
    ),
  /** Queue a collection for each keyword without data (default), or analyse only what is known. */
  collectMissing: z.boolean().default(true),
});
export type CreateBatchBody = z.infer<typeof CreateBatchBodySchema>;

export const BatchIdParamsSchema = z.object({ id: z.uuid('id must be a batch id') });

export const BatchSchema = z
  .object({
    id: z.string(),
    platform: PlatformSchema,
    marketplace: z.string(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    /** Distinct keywords in the batch (duplicates and blanks removed). */
    total: z.number().int(),
    done: z.number().int(),
    /** 0-100. */
    progress: z.number(),
    /** Keywords without data yet: queued for collection, they fill in the results when collected. */
    collecting: z.number().int(),
    error: z.string().nullable(),
    createdAt: z.string().meta({ format: 'date-time' }),
    finishedAt: z.string().meta({ format: 'date-time' }).nullable(),
    resultsPath: z.string(),
    exportPath: z.string(),
  })
  .meta({ id: 'Batch' });
export type Batch = z.infer<typeof BatchSchema>;

export const BatchResultsQuerySchema = KeywordFiltersSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(100).optional(),
});
export type BatchResultsQuery = z.infer<typeof BatchResultsQuerySchema>;

export const BatchResultSchema = z.object({
  position: z.number().int(),
  keyword: z.string(),
  /** Null while the keyword has no data on the platform. */
  result: KeywordSummarySchema.nullable(),
});
export type BatchResult = z.infer<typeof BatchResultSchema>;

export const BatchResultsSchema = z
  .object({
    batch: BatchSchema,
    data: z.array(BatchResultSchema),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'BatchResults' });
export type BatchResults = z.infer<typeof BatchResultsSchema>;

export const BatchExportQuerySchema = KeywordFiltersSchema.extend({
  format: ExportFormatSchema.default('csv'),
});
export type BatchExportQuery = z.infer<typeof BatchExportQuerySchema>;
