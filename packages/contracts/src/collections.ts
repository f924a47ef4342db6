import { z } from 'zod';
import { PlatformSchema } from './platforms';

export const CollectionStatusSchema = z
  .object({
    id: z.uuid(),
    platform: PlatformSchema,
    marketplace: z.string(),
    keyword: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    requestsDone: z.number().int(),
    requestsPlanned: z.number().int(),
    keywordsFound: z.number().int(),
    error: z.string().nullable(),
    updatedAt: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'CollectionStatus' });
export type CollectionStatus = z.infer<typeof CollectionStatusSchema>;

export const CollectionParamsSchema = z.object({ id: z.uuid('id must be a UUID') });
