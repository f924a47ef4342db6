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
  /** Every queue's counts and the age of its oldest waiting job. */
  depths(): Promise<QueueDepth[]>;
  close(): Promise<void>;
};
