import type { JobId, JobPayload } from './catalog';

export type EnqueueResult = { jobId: string; deduplicated: boolean };

export type EnqueueOptions = {
  /** Lower runs first; defaults to the catalog's priority (PRIORITY.interactive for a waiting user). */
  priority?: number;
};

/** A job that ran out of attempts (or failed permanently), for admins. */
export type FailedJob = {
  id: string;
  name: string;
  queue: string;
  error: string;
  attempts: number;
  failedAt: string | null;
  data: unknown;
};

/** What a replay of failed jobs did. */
export type RetriedJobs = { retried: string[]; notFound: string[] };

/** The most failed jobs one replay puts back (a larger backlog takes several calls). */
export const MAX_RETRIED = 1_000;

/** How one queue stands, for the metrics and the worker autoscaler. */
export type QueueDepth = {
  queue: string;
  waiting: number;
  active: number;
  /** Waiting for a retry's backoff or a later start. */
  delayed: number;
  failed: number;
  /** Age of the oldest job still waiting to start, 0 when none waits. */
  oldestWaitingSeconds: number;
};

/** Producer side of the jobs, the same for BullMQ (Redis) and the in-process runner. */
export type JobQueue = {
  readonly kind: 'bullmq' | 'in-process';
  enqueue<Id extends JobId>(
    id: Id,
    payload: JobPayload<Id>,
    options?: EnqueueOptions,
  ): Promise<EnqueueResult>;
  /** Registers the catalog's repeatable jobs (idempotent). */
  schedule(): Promise<void>;
  /** The most recent failed jobs, newest first. */
  failedJobs(limit: number): Promise<FailedJob[]>;
  /**
   * Puts failed jobs back in their queues with all their attempts again (the replay after an
   * outage longer than a job's retries): the given ids, or every failed job up to `MAX_RETRIED`.
   * BullMQ numbers jobs per queue: `queue:id` (as `failedJobs` lists them) names one queue's job.
   * Ids that are not (or no longer) failed are listed in `notFound`.
   */
  retryFailed(ids: string[] | 'all'): Promise<RetriedJobs>;
  /** Every queue's counts and the age of its oldest waiting job. */
  depths(): Promise<QueueDepth[]>;
  close(): Promise<void>;
};
