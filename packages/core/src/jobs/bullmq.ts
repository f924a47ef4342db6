import { DelayedError, type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { BullMQOtel } from 'bullmq-otel';
import { Redis } from 'ioredis';
import { JOBS, QUEUES, type QueueName } from './catalog';
import { type JobQueue, MAX_RETRIED, type RetriedJobs } from './job-queue';
import { pauseOf } from './pause';
import type { JobDeps } from './processors';
import { giveUpJob, PermanentJobError, runJob } from './run-job';
import { validatePayload } from './validate-payload';

export type BullOptions = {
  redisUrl: string;
  /** Key prefix, so that several deployments or tests share one Redis. */
  prefix?: string;
};

/**
 * Trace context from producer to worker (bullmq-otel): a job's span continues the request that
 * queued it. A no-op until a tracer provider is registered (OTEL_EXPORTER_OTLP_ENDPOINT).
 */
const telemetry = new BullMQOtel({ tracerName: 'digitallz-jobs' });

const KEEP = { removeOnComplete: { age: 3_600, count: 1_000 }, removeOnFail: { age: 7 * 86_400 } };

/**
 * Producer side on BullMQ. The connection fails fast while Redis is down (no offline queue), so
 * a caller learns at once that its job was not stored.
 */
export function createBullQueue(options: BullOptions): JobQueue {
  const connection = new Redis(options.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  connection.on('error', () => {});
  const queues = new Map<QueueName, Queue>(
    QUEUES.map((name) => {
      const queue = new Queue(name, { connection, prefix: options.prefix ?? 'bull', telemetry });
      // Failures reach the caller through enqueue(); nothing else to report here.
      queue.on('error', () => {});
      return [name, queue];
    }),
  );
  const queueFor = (name: QueueName) => queues.get(name) as Queue;
  const ready = () =>
    connection.status === 'ready'
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          connection.once('ready', () => resolve());
          connection.once('error', reject);
        });

  return {
    kind: 'bullmq',
    enqueue: async (id, payload, enqueueOptions = {}) => {
      const { definition, data } = validatePayload(id, payload);
      const dedupeKey = definition.dedupeKey?.(data as never);
      await ready();
      const queue = queueFor(definition.queue);
      const existing = dedupeKey ? await queue.getDeduplicationJobId(dedupeKey) : null;
      if (existing) return { jobId: existing, deduplicated: true };
      const job = await queue.add(id, data, {
        ...KEEP,
        attempts: definition.attempts,
        backoff: { type: 'exponential', delay: definition.backoffMs, jitter: 0.2 },
        priority: enqueueOptions.priority ?? definition.priority,
        ...(dedupeKey ? { deduplication: { id: dedupeKey } } : {}),
      });
      return { jobId: job.id ?? '', deduplicated: false };
    },
    schedule: async () => {
      await ready();
      for (const definition of Object.values(JOBS)) {
        if (!definition.everyMs) continue;
        await queueFor(definition.queue).upsertJobScheduler(
          definition.id,
          { every: definition.everyMs },
          {
            name: definition.id,
            data: definition.payload.parse({}),
            opts: { ...KEEP, attempts: definition.attempts },
          },
        );
      }
    },
    failedJobs: async (limit) => {
      await ready();
      const jobs = (
        await Promise.all(
          [...queues.entries()].map(async ([name, queue]) =>
            (
              await queue.getFailed(0, limit - 1)
            ).map((job) => ({
              id: job.id ?? '',
              name: job.name,
              queue: name,
              error: job.failedReason ?? '',
              attempts: job.attemptsMade,
              failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
              data: job.data,
            })),
          ),
        )
      ).flat();
      return jobs
        .sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? ''))
        .slice(0, limit);
    },
    retryFailed: async (ids) => {
      await ready();
      const result: RetriedJobs = { retried: [], notFound: [] };
      // Job ids count up per queue: `collect:7` names one queue's job, `7` any queue's failed job 7.
      const wanted =
        ids === 'all'
          ? null
          : ids.map((raw) => {
              const [queue, id] = raw.includes(':') ? raw.split(':', 2) : [null, raw];
              return { raw, queue, id: id ?? '' };
            });
      const found = new Set<string>();
      for (const [name, queue] of queues) {
        if (result.retried.length >= MAX_RETRIED) break;
        const jobs = wanted
          ? await Promise.all(
              wanted
                .filter((w) => w.queue === null || w.queue === name)
                .map(async (w) => ({ raw: w.raw, job: await queue.getJob(w.id), listed: false })),
            )
          : (await queue.getFailed(0, MAX_RETRIED - result.retried.length - 1)).map((job) => ({
              raw: '',
              job,
              listed: true,
            }));
        for (const { raw, job, listed } of jobs) {
          // A job named by id may be in any state; the failed listing needs no second look.
          if (!job?.id || !(listed || (await job.isFailed()))) continue;
          // All its attempts again: the replay comes after the cause is gone.
          await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
          result.retried.push(job.id);
          found.add(raw);
        }
      }
      result.notFound = wanted ? wanted.filter((w) => !found.has(w.raw)).map((w) => w.raw) : [];
      return result;
    },
    depths: async () => {
      await ready();
      return Promise.all(
        [...queues.entries()].map(async ([name, queue]) => {
          const counts = await queue.getJobCounts(
            'waiting',
            'prioritized',
            'active',
            'delayed',
            'failed',
          );
          // The oldest of each waiting kind (BullMQ lists them oldest first with asc = true).
          const oldest = await queue.getJobs(['waiting', 'prioritized'], 0, 0, true);
          const queuedAt = Math.min(...oldest.map((job) => job.timestamp));
          return {
            queue: name,
            waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
            active: counts.active ?? 0,
            delayed: counts.delayed ?? 0,
            failed: counts.failed ?? 0,
            oldestWaitingSeconds: oldest.length ? Math.max(0, (Date.now() - queuedAt) / 1000) : 0,
          };
        }),
      );
    },
    close: async () => {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      connection.disconnect();
    },
  };
}

export type BullWorkers = { close(): Promise<void> };

/** Consumer side: one BullMQ worker per queue, running the catalog's processors. */
export function startBullWorkers(
  options: BullOptions & {
    /** How long a job stays locked to a worker that stopped answering (killed) before another takes it. */
    lockDurationMs?: number;
    deps: JobDeps;
    concurrency?: number;
    onFailed?: (job: Job | undefined, error: Error) => void;
    onCompleted?: (job: Job) => void;
  },
): BullWorkers {
  const producer = createBullQueue(options);
  const deps = { ...options.deps, enqueue: producer.enqueue };
  const workers = QUEUES.map((name) => {
    const worker = new Worker(
      name,
      async (job, token) => {
        try {
          return await runJob(job.name, job.data, deps, {
            lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
          });
        } catch (error) {
          if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
          const pause = pauseOf(error);
          if (pause !== null && token) {
            // Back when the breaker may let calls through, with no attempt spent.
            await job.moveToDelayed(Date.now() + pause, token);
            throw new DelayedError();
          }
          throw error;
        }
      },
      {
        connection: new Redis(options.redisUrl, { maxRetriesPerRequest: null }),
        prefix: options.prefix ?? 'bull',
        telemetry,
        concurrency: options.concurrency ?? 4,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.lockDurationMs ?? 30_000,
      },
    );
    worker.on('error', () => {});
    // A job that stalled more often than allowed (workers killed mid-run) is failed by the next
    // worker to take it, its processor not run: its record must still say so.
    worker.on('failed', (job) => {
      if (job?.deferredFailure) void giveUpJob(job.name, job.data, deps);
    });
    if (options.onFailed) worker.on('failed', (job, error) => options.onFailed?.(job, error));
    if (options.onCompleted) worker.on('completed', (job) => options.onCompleted?.(job));
    return worker;
  });
  return {
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await producer.close();
    },
  };
}
