import { z } from 'zod';

export const IMPORT_KINDS = ['brand-analytics', 'keyword-planner', 'csv'] as const;

export const ImportQuerySchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  marketplace: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'marketplace must be a two-letter country code')
    .default('US'),
  filename: z.string().max(255).optional(),
});

export const ImportResultSchema = z
  .object({
    importId: z.number().int(),
    kind: z.enum(IMPORT_KINDS),
    imported: z.number().int(),
    skippedCount: z.number().int(),
    skipped: z.array(z.object({ line: z.number().int(), message: z.string() })),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResultSchema>;
