import { z } from 'zod';
import { KeywordFiltersSchema, POPULAR_SORTS } from './keyword-filters';
import { KEYWORD_QUERY_MAX, KeywordSummarySchema } from './keywords';
import { MarketplaceSchema, PlatformSchema } from './platforms';

export const ListNameSchema = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(100, 'name must be at most 100 characters');

export const CreateListBodySchema = z.object({ name: ListNameSchema });
export const RenameListBodySchema = z.object({ name: ListNameSchema });
export const ListIdParamsSchema = z.object({ id: z.uuid('id must be a list id') });
export const ShareTokenParamsSchema = z.object({
  token: z.string().regex(/^[\w-]{20,64}$/, 'not a share token'),
});

export const KeywordRefSchema = z.object({
  platform: PlatformSchema,
  marketplace: MarketplaceSchema.default('US'),
  keyword: z.string().trim().min(1).max(KEYWORD_QUERY_MAX),
});
export type KeywordRef = z.infer<typeof KeywordRefSchema>;

export const LIST_CHANGE_MAX = 1_000;

export const ListKeywordsBodySchema = z.object({
  keywords: z
    .array(KeywordRefSchema)
    .min(1, 'keywords must not be empty')
    .max(LIST_CHANGE_MAX, `at most ${LIST_CHANGE_MAX} keywords per request`),
});
export type ListKeywordsBody = z.infer<typeof ListKeywordsBodySchema>;

export const KeywordListSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    keywordCount: z.number().int(),
    /** Path of the read-only shared view, when shared. */
    sharePath: z.string().nullable(),
    createdAt: z.string().meta({ format: 'date-time' }),
    updatedAt: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'KeywordList' });
export type KeywordList = z.infer<typeof KeywordListSchema>;

export const KeywordListsSchema = z
  .object({ data: z.array(KeywordListSchema) })
  .meta({ id: 'KeywordLists' });

export const ListChangeResultSchema = z
  .object({
    changed: z.number().int(),
    /** Keywords not known on their platform yet (search them first). */
    notFound: z.array(
      z.object({ platform: PlatformSchema, marketplace: z.string(), keyword: z.string() }),
    ),
  })
  .meta({ id: 'ListChangeResult' });
export type ListChangeResult = z.infer<typeof ListChangeResultSchema>;

export const ListItemsQuerySchema = KeywordFiltersSchema.extend({
  platform: PlatformSchema.optional(),
  sort: z.enum(POPULAR_SORTS).default('volume'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListItemsQuery = z.infer<typeof ListItemsQuerySchema>;

export const KeywordListPageSchema = z
  .object({
    list: KeywordListSchema,
    data: z.array(KeywordSummarySchema),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'KeywordListPage' });
export type KeywordListPage = z.infer<typeof KeywordListPageSchema>;

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const ListExportQuerySchema = ListItemsQuerySchema.omit({
  limit: true,
  cursor: true,
}).extend({ format: ExportFormatSchema.default('csv') });
export type ListExportQuery = z.infer<typeof ListExportQuerySchema>;
