import { PlatformSchema } from '@digitallz/contracts';
import { z } from 'zod';

/** Queues by workload class: a slow collection never delays a compute job. */
export const QUEUES = ['collect', 'compute', 'notify', 'maintenance'] as const;
export type QueueName = (typeof QUEUES)[number];

export type JobDefinition<P extends z.ZodType = z.ZodType> = {
  id: string;
  queue: QueueName;
  payload: P;
  attempts: number;
  /** First retry delay; doubles with each attempt. */
  backoffMs: number;
  /** Lower runs first (BullMQ semantics). */
  priority?: number;
  /** Jobs with the same key are not queued twice while one is waiting. */
  dedupeKey?: (payload: z.infer<P>) => string;
  /** Repeat on a schedule, as a scheduled job. */
  everyMs?: number;
};

const define = <P extends z.ZodType>(definition: JobDefinition<P>) => definition;

/** Every job the platform runs, declared as data. Processors live in ./processors.ts. */
/** Interactive work (a user waiting) runs before scheduled refreshes. */
export const PRIORITY = { interactive: 1, scheduled: 10 } as const;

export const JOBS = {
  'collect.keyword': define({
    id: 'collect.keyword',
    queue: 'collect',
    payload: z.object({
      platform: PlatformSchema,
      marketplace: z.string().min(2).max(8).default('US'),
      keyword: z.string().trim().min(1).max(200),
      observedAt: z.iso.datetime(),
      expand: z.boolean().default(true),
      budget: z.number().int().min(1).max(5_000).default(200),
      requestId: z.uuid().optional(),
      ownerId: z.uuid().optional(),
    }),
    // Retries over about 5 to 6 minutes (3 s, 6 s, ... 192 s): a marketplace answering 429s and
    // 5xx for a minute or two does not fail collections for good (5 attempts from 2 s, 30 s in
    // all, failed 11-14 of the ~50 jobs queued in the fault suite's 90 s of bad answers).
    attempts: 8,
    backoffMs: 3_000,
    priority: PRIORITY.scheduled,
    dedupeKey: (p) =>
      `collect.keyword:${p.platform}:${p.marketplace ?? 'US'}:${p.keyword.trim().toLowerCase()}`,
  }),
  'collect.refresh-stale': define({
    id: 'collect.refresh-stale',
    queue: 'collect',
    payload: z.object({
      limit: z.number().int().min(1).max(100_000).default(500),
      staleAfterDays: z.number().int().min(1).max(365).default(7),
    }),
    attempts: 3,
    backoffMs: 30_000,
    priority: PRIORITY.scheduled,
    dedupeKey: () => 'collect.refresh-stale',
    everyMs: 60 * 60 * 1000,
  }),
  'compute.keyword-estimates': define({
    id: 'compute.keyword-estimates',
    queue: 'compute',
    // Without a platform: every platform and marketplace with pending keywords (the sweep).
    payload: z.object({
      platform: PlatformSchema.optional(),
      marketplace: z.string().min(2).max(8).optional(),
      batch: z.number().int().min(1).max(50_000).default(2_000),
    }),
    attempts: 3,
    backoffMs: 5_000,
    priority: PRIORITY.scheduled,
    dedupeKey: (p) => `compute.keyword-estimates:${p.platform ?? 'all'}:${p.marketplace ?? 'US'}`,
    // A collection finishing while a compute job runs may be deduplicated; the sweep catches it.
    everyMs: 10 * 60 * 1000,
  }),
  'compute.batch-analysis': define({
    id: 'compute.batch-analysis',
    queue: 'compute',
    payload: z.object({ batchId: z.uuid() }),
    attempts: 3,
    backoffMs: 2_000,
    priority: PRIORITY.interactive,
    dedupeKey: (p) => `compute.batch-analysis:${p.batchId}`,
  }),
  'compute.keyword-import': define({
    id: 'compute.keyword-import',
    queue: 'compute',
    payload: z.object({ importId: z.number().int().min(1) }),
    // A file refused on its content fails at once; a database failure is retried (the import
    // stays queued, its upload kept). After the last attempt the import says it failed, upload
    // still kept, and an administrator's replay imports it (ON_GIVE_UP).
    attempts: 5,
    backoffMs: 5_000,
    priority: PRIORITY.interactive,
    dedupeKey: (p) => `compute.keyword-import:${p.importId}`,
  }),
  'maintenance.purge-expired-cache': define({
    id: 'maintenance.purge-expired-cache',
    queue: 'maintenance',
    payload: z.object({ batchSize: z.number().int().min(1).max(100_000).default(10_000) }),
    attempts: 3,
    backoffMs: 5_000,
    dedupeKey: () => 'maintenance.purge-expired-cache',
    everyMs: 60 * 60 * 1000,
  }),
  'tracking.refresh': define({
    id: 'tracking.refresh',
    queue: 'maintenance',
    payload: z.object({ limit: z.number().int().min(1).max(100_000).default(2_000) }),
    attempts: 3,
    backoffMs: 30_000,
    dedupeKey: () => 'tracking.refresh',
    everyMs: 15 * 60 * 1000,
  }),
  'alerts.evaluate': define({
    id: 'alerts.evaluate',
    queue: 'compute',
    payload: z.object({ limit: z.number().int().min(1).max(100_000).default(5_000) }),
    attempts: 3,
    backoffMs: 10_000,
    priority: PRIORITY.scheduled,
    dedupeKey: () => 'alerts.evaluate',
    everyMs: 10 * 60 * 1000,
  }),
  'notifications.deliver': define({
    id: 'notifications.deliver',
    queue: 'notify',
    payload: z.object({ deliveryId: z.uuid() }),
    // MAX_DELIVERY_ATTEMPTS: 10 s, 20 s, 40 s, 80 s, 160 s apart (about 5 minutes in all).
    attempts: 6,
    backoffMs: 10_000,
    dedupeKey: (p) => `notifications.deliver:${p.deliveryId}`,
  }),
  'notifications.email': define({
    id: 'notifications.email',
    queue: 'notify',
    payload: z.object({ notificationId: z.uuid() }),
    attempts: 5,
    backoffMs: 30_000,
    dedupeKey: (p) => `notifications.email:${p.notificationId}`,
  }),
  'notifications.digest': define({
    id: 'notifications.digest',
    queue: 'notify',
    payload: z.object({}),
    attempts: 3,
    backoffMs: 60_000,
    dedupeKey: () => 'notifications.digest',
    everyMs: 60 * 60 * 1000,
  }),
  'notifications.sweep': define({
    id: 'notifications.sweep',
    queue: 'notify',
    payload: z.object({ olderThanSeconds: z.number().int().min(0).max(86_400).default(600) }),
    attempts: 3,
    backoffMs: 30_000,
    dedupeKey: () => 'notifications.sweep',
    everyMs: 5 * 60 * 1000,
  }),
} as const;

export type JobId = keyof typeof JOBS;
export type JobPayload<Id extends JobId> = z.input<(typeof JOBS)[Id]['payload']>;

export function getJobDefinition(id: string): JobDefinition {
  const definition = (JOBS as Record<string, JobDefinition>)[id];
  if (!definition) throw new Error(`Unknown job: ${id}`);
  return definition;
}
