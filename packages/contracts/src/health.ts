import { z } from 'zod';

export const HealthResponseSchema = z.object({ status: z.literal('ok') });

export const ReadyResponseSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.object({
    database: z.enum(['up', 'down']),
    cache: z.enum(['up', 'down']),
  }),
});
export type ReadyResponse = z.infer<typeof ReadyResponseSchema>;
