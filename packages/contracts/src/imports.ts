import { z } from 'zod';

export const IMPORT_KINDS = ['brand-analytics', 'keyword-planner', 'csv'] as const;
export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;

export const ImportQuerySchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  marketplace: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'marketplace must be a two-letter country code')
    .default('US'),
  filename: z.string().max(255).optional(),
});

export const ImportIdParamsSchema = z.object({
  id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

export const ImportListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The `nextCursor` of the page before. */
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'cursor must be the nextCursor of a page')
    .optional(),
});
export type ImportListQuery = z.infer<typeof ImportListQuerySchema>;

const SkippedLineSchema = z.object({ line: z.number().int(), message: z.string() });

/** An uploaded report and its import job. */
export const ImportSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(IMPORT_KINDS),
    marketplace: z.string(),
    filename: z.string().nullable(),
    /** queued, running, then completed, or failed (a failed import wrote nothing). */
    status: z.enum(IMPORT_STATUSES),
    /** The file's size in bytes. */
    bytes: z.number().int(),
    /** Percent of the file read (100 once completed). */
    progress: z.number().min(0).max(100),
    imported: z.number().int(),
    skippedCount: z.number().int(),
    /** The first 100 skipped lines, with their line numbers and reasons. */
    skipped: z.array(SkippedLineSchema),
    /** Why a failed import was refused; its `details` list the first lines that could not be read. */
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        details: z.array(SkippedLineSchema).optional(),
      })
      .nullable(),
    createdAt: z.string().meta({ format: 'date-time' }),
    finishedAt: z.string().meta({ format: 'date-time' }).nullable(),
    /** Where to follow it. */
    path: z.string(),
  })
  .meta({ id: 'Import' });
export type Import = z.infer<typeof ImportSchema>;

export const ImportPageSchema = z
  .object({ data: z.array(ImportSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ImportPage' });
export type ImportPage = z.infer<typeof ImportPageSchema>;
