import type { Db } from '@digitallz/db';
import { abandonBatch } from '../batches/abandon-batch';
import { runBatch } from '../batches/run-batch';
import type { Cache } from '../cache';
import { collectKeyword } from '../collection/collect-keyword';
import type { CollectionDeps } from '../collection/collection-deps';
import { refreshStaleKeywords } from '../collection/refresh-stale-keywords';
import { AppError } from '../errors';
import { computePendingEstimates } from '../estimates/compute-pending-estimates';
import { abandonImport } from '../imports/abandon-import';
import { runImport } from '../imports/run-import';
import { invalidateKeywords } from '../keywords/data-version';
import { purgeExpiredCache } from '../maintenance/purge-expired-cache';
import { deliverWebhook } from '../notifications/deliver-webhook';
import type { NotifyDeps } from '../notifications/notify-deps';
import { sendEventEmails } from '../notifications/send-event-emails';
import { sweepDeliveries } from '../notifications/sweep-deliveries';
import { evaluateAlerts } from '../tracking/evaluate-alerts';
import { refreshTrackedKeywords } from '../tracking/refresh-tracked-keywords';
import type { JobId } from './catalog';
import type { JobQueue } from './job-queue';

/** What every processor may use; passed in by whoever runs the jobs. */
export type JobDeps = {
  db: Db;
  cache: Cache;
  clock: () => Date;
  collection?: CollectionDeps;
  /** Lets a job queue others (the scheduler's refresh); filled in by the runner. */
  enqueue?: JobQueue['enqueue'];
  /** Email and webhook delivery: mailer, secrets, the web app's address. */
  notify?: Omit<NotifyDeps, 'db' | 'clock' | 'enqueue'> & { disableAfterFailures?: number };
};

function collection(deps: JobDeps): CollectionDeps {
  if (!deps.collection)
    throw new AppError('SERVICE_UNAVAILABLE', 'This process is not configured to collect');
  return deps.collection;
}

function notify(deps: JobDeps): NotifyDeps {
  if (!deps.notify)
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      'This process is not configured to send notifications',
    );
  return { ...deps.notify, db: deps.db, clock: deps.clock, enqueue: deps.enqueue };
}

function enqueuer(deps: JobDeps): JobQueue['enqueue'] {
  if (!deps.enqueue) throw new AppError('SERVICE_UNAVAILABLE', 'This runner cannot queue jobs');
  return deps.enqueue;
}

type Processor = (payload: never, deps: JobDeps) => Promise<unknown>;

/** One processor per job id: a use case of core, called with the validated payload. */
export const PROCESSORS: Record<JobId, Processor> = {
  'collect.keyword': async (payload: Parameters<typeof collectKeyword>[1], deps) => {
    // New keywords for this platform: cached search answers must not hide them.
    const result = await collectKeyword(
      {
        ...collection(deps),
        invalidate: (platform, marketplace, keywords) =>
          invalidateKeywords(deps.cache, platform, marketplace, keywords),
      },
      payload,
    );
    // What was collected gets its estimates next (one waiting compute job per platform).
    await deps.enqueue?.('compute.keyword-estimates', {
      platform: payload.platform,
      marketplace: payload.marketplace,
    });
    return result;
  },
  'compute.keyword-estimates': (payload: Parameters<typeof computePendingEstimates>[1], deps) => {
    // A recalibration recomputes a whole platform: past a limit, its keyword epoch moves instead.
    let written = 0;
    return computePendingEstimates(deps, payload, async (platform, marketplace, keywords) => {
      await invalidateKeywords(deps.cache, platform, marketplace, keywords, written);
      written += keywords.length;
    });
  },
  'compute.batch-analysis': (payload: { batchId: string }, deps) => runBatch(deps, payload),
  'compute.keyword-import': (payload: { importId: number }, deps) => runImport(deps, payload),
  'collect.refresh-stale': (payload: { limit: number; staleAfterDays: number }, deps) => {
    if (!deps.enqueue) throw new AppError('SERVICE_UNAVAILABLE', 'This runner cannot queue jobs');
    return refreshStaleKeywords({ ...deps, enqueue: deps.enqueue }, payload);
  },
  'maintenance.purge-expired-cache': (payload: { batchSize: number }, deps) =>
    purgeExpiredCache(deps, { now: deps.clock(), batchSize: payload.batchSize }),
  'tracking.refresh': (payload: { limit: number }, deps) =>
    refreshTrackedKeywords({ ...deps, enqueue: enqueuer(deps) }, payload),
  'alerts.evaluate': (payload: { limit: number }, deps) => evaluateAlerts(deps, payload),
  'notifications.deliver': (payload: { deliveryId: string }, deps) =>
    deliverWebhook(notify(deps), payload),
  'notifications.email': (payload: { notificationId: string }, deps) =>
    sendEventEmails(notify(deps), payload),
  'notifications.digest': (_payload: Record<string, never>, deps) =>
    sendEventEmails(notify(deps), {}),
  'notifications.sweep': (payload: { olderThanSeconds: number }, deps) =>
    sweepDeliveries({ ...deps, enqueue: enqueuer(deps) }, payload),
};

type GiveUp = (payload: never, deps: JobDeps) => Promise<void>;

/**
 * What a job does when its last attempt fails, for the jobs whose record a user watches: the
 * record says it failed, instead of staying queued or running for ever.
 */
export const ON_GIVE_UP: Partial<Record<JobId, GiveUp>> = {
  'compute.batch-analysis': (payload: { batchId: string }, deps) => abandonBatch(deps, payload),
  'compute.keyword-import': (payload: { importId: number }, deps) => abandonImport(deps, payload),
};
