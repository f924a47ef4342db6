import { randomUUID } from 'node:crypto';
import { summarizeError } from '../errors-summary';
import { JOBS, type JobId, QUEUES } from './catalog';
import { type FailedJob, type JobQueue, MAX_RETRIED, type RetriedJobs } from './job-queue';
import { pauseOf } from './pause';
import type { JobDeps } from './processors';
import { PermanentJobError, runJob } from './run-job';
import { validatePayload } from './validate-payload';

export type JobEvent =
  | { type: 'completed'; id: string; jobId: string; result: unknown }
  | {
      type: 'failed';
      id: string;
      jobId: string;
      error: unknown;
      attempts: number;
      permanent: boolean;
    }
  | { type: 'retrying'; id: string; jobId: string; error: unknown; attempt: number }
  | { type: 'paused'; id: string; jobId: string; ms: number };

export type InProcessRunnerOptions = {
  deps: JobDeps;
  concurrency?: number;
  /** Multiplies the catalog's retry delays (tests shrink them). */
  backoffScale?: number;
  onEvent?: (event: JobEvent) => void;
};

type Pending = {
  id: string;
  jobId: string;
  data: unknown;
  priority: number;
  dedupeKey?: string;
  attempt: number;
  /** When it was first queued (Date.now()). */
  queuedAt: number;
};

/**
 * The embedded job runner: the same catalog, payload checks, priorities, de-duplication, retries
 * and backoff as the BullMQ workers, inside this process. Used when no Redis is configured.
 */
export function createInProcessRunner(
  options: InProcessRunnerOptions,
): JobQueue & { idle(): Promise<void> } {
  const concurrency = options.concurrency ?? 2;
  const waiting: Pending[] = [];
  const waitingKeys = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const intervals: NodeJS.Timeout[] = [];
  let active = 0;
  const activeIn = new Map<string, number>();
  const delayedIn = new Map<string, number>();
  const queueOf = (job: Pending) => JOBS[job.id as keyof typeof JOBS].queue;
  const bump = (counts: Map<string, number>, queue: string, by: number) =>
    counts.set(queue, (counts.get(queue) ?? 0) + by);
  let closed = false;
  let idleWaiters: (() => void)[] = [];
  /** The last failures, newest first, kept for admins like BullMQ's failed set. */
  const failed: (FailedJob & { pending: Pending })[] = [];
  const KEEP_FAILED = 200;

  const emit = (event: JobEvent) => options.onEvent?.(event);
  const checkIdle = () => {
    if (active === 0 && waiting.length === 0 && timers.size === 0) {
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    }
  };

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const push = (job: Pending) => {
    waiting.push(job);
    waiting.sort((a, b) => a.priority - b.priority);
    pump();
  };

  const pump = () => {
    while (!closed && active < concurrency && waiting.length > 0) {
      const job = waiting.shift() as Pending;
      if (job.dedupeKey) waitingKeys.delete(job.dedupeKey);
      active++;
      bump(activeIn, queueOf(job), 1);
      void execute(job).finally(() => {
        active--;
        bump(activeIn, queueOf(job), -1);
        pump();
        checkIdle();
      });
    }
  };

  /** Puts `job` back in its queue after `ms` (counted as delayed until then). */
  const requeue = (job: Pending, ms: number) => {
    const { queue } = JOBS[job.id as keyof typeof JOBS];
    bump(delayedIn, queue, 1);
    later(ms, () => {
      bump(delayedIn, queue, -1);
      push({ ...job, queuedAt: Date.now() });
    });
  };

  const execute = async (job: Pending) => {
    const definition = JOBS[job.id as keyof typeof JOBS];
    try {
      const result = await runJob(
        job.id,
        job.data,
        { ...options.deps, enqueue },
        { lastAttempt: job.attempt >= definition.attempts },
      );
      emit({ type: 'completed', id: job.id, jobId: job.jobId, result });
    } catch (error) {
      const pause = pauseOf(error);
      if (pause !== null && !closed) {
        // The marketplace is down (breaker open): wait for it without spending an attempt.
        emit({ type: 'paused', id: job.id, jobId: job.jobId, ms: pause });
        requeue(job, pause);
        return;
      }
      const permanent = error instanceof PermanentJobError;
      if (!permanent && job.attempt < definition.attempts && !closed) {
        emit({ type: 'retrying', id: job.id, jobId: job.jobId, error, attempt: job.attempt });
        const jitter = 0.8 + Math.random() * 0.4;
        const delay =
          definition.backoffMs * 2 ** (job.attempt - 1) * jitter * (options.backoffScale ?? 1);
        requeue({ ...job, attempt: job.attempt + 1 }, delay);
        return;
      }
      failed.unshift({
        id: job.jobId,
        name: job.id,
        queue: definition.queue,
        error: summarizeError(error).message,
        attempts: job.attempt,
        failedAt: new Date().toISOString(),
        data: job.data,
        pending: job,
      });
      failed.length = Math.min(failed.length, KEEP_FAILED);
      emit({
        type: 'failed',
        id: job.id,
        jobId: job.jobId,
        error,
        attempts: job.attempt,
        permanent,
      });
    }
  };

  const enqueue: JobQueue['enqueue'] = async (id, payload, enqueueOptions = {}) => {
    const { definition, data } = validatePayload(id, payload);
    const dedupeKey = definition.dedupeKey?.(data as never);
    if (dedupeKey && waitingKeys.has(dedupeKey)) return { jobId: dedupeKey, deduplicated: true };
    if (dedupeKey) waitingKeys.add(dedupeKey);
    const jobId = dedupeKey ?? randomUUID();
    push({
      id,
      jobId,
      data,
      priority: enqueueOptions.priority ?? definition.priority ?? 0,
      dedupeKey,
      attempt: 1,
      queuedAt: Date.now(),
    });
    return { jobId, deduplicated: false };
  };

  return {
    kind: 'in-process',
    enqueue,
    schedule: async () => {
      for (const definition of Object.values(JOBS)) {
        if (!definition.everyMs || closed) continue;
        const timer = setInterval(
          () => void enqueue(definition.id as JobId, {}),
          definition.everyMs,
        );
        timer.unref();
        intervals.push(timer);
      }
    },
    failedJobs: async (limit) => failed.slice(0, limit).map(({ pending: _, ...job }) => job),
    retryFailed: async (ids) => {
      const wanted = ids === 'all' ? null : new Set(ids);
      const result: RetriedJobs = { retried: [], notFound: [] };
      for (const job of [...failed].reverse()) {
        if (result.retried.length >= MAX_RETRIED) break;
        if (wanted && !wanted.has(job.id)) continue;
        failed.splice(failed.indexOf(job), 1);
        wanted?.delete(job.id);
        result.retried.push(job.id);
        const { dedupeKey } = job.pending;
        // The same work already waits (queued again since it failed): nothing more to queue.
        if (dedupeKey && waitingKeys.has(dedupeKey)) continue;
        if (dedupeKey) waitingKeys.add(dedupeKey);
        push({ ...job.pending, attempt: 1, queuedAt: Date.now() });
      }
      result.notFound = wanted ? [...wanted] : [];
      return result;
    },
    depths: async () =>
      QUEUES.map((queue) => {
        const queued = waiting.filter((job) => queueOf(job) === queue);
        const oldest = Math.min(...queued.map((job) => job.queuedAt));
        return {
          queue,
          waiting: queued.length,
          active: activeIn.get(queue) ?? 0,
          delayed: delayedIn.get(queue) ?? 0,
          failed: failed.filter((job) => job.queue === queue).length,
          oldestWaitingSeconds: queued.length ? (Date.now() - oldest) / 1000 : 0,
        };
      }),
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      }),
    close: async () => {
      closed = true;
      for (const timer of [...timers, ...intervals]) clearTimeout(timer);
      timers.clear();
      while (active > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}
