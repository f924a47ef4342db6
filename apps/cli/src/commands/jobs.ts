import { createBullQueue, type JobQueue } from '@digitallz/core';
import { CliError, type Env, print } from '../env';

function openQueue(env: Env): JobQueue {
  if (!env.REDIS_URL)
    throw new CliError(
      'REDIS_URL is not set: without Redis the jobs live inside the running platform; use GET /api/v1/admin/jobs/failed and POST /api/v1/admin/jobs/failed/retry there',
    );
  return createBullQueue({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX });
}

/** For operators: the jobs that ran out of attempts, newest first. */
export async function failedJobsCommand(env: Env, options: { limit: number; json: boolean }) {
  const queue = openQueue(env);
  try {
    const jobs = await queue.failedJobs(options.limit);
    if (options.json) return print(JSON.stringify(jobs, null, 2));
    if (jobs.length === 0) return print('no failed jobs');
    for (const job of jobs)
      print(
        `${job.failedAt ?? '-'} ${job.queue}:${job.id} ${job.name} (${job.attempts} attempts): ${job.error}`,
      );
  } finally {
    await queue.close();
  }
}

/** Replays failed jobs (after an outage longer than their retries), each with all its attempts. */
export async function retryJobsCommand(env: Env, options: { id?: string[]; all: boolean }) {
  if (options.all === Boolean(options.id?.length))
    throw new CliError('give --all or one or more --id <job id>, not both');
  const queue = openQueue(env);
  try {
    const result = await queue.retryFailed(options.all ? 'all' : (options.id ?? []));
    print(
      `retried ${result.retried.length} job(s)${result.retried.length ? `: ${result.retried.join(', ')}` : ''}`,
    );
    if (result.notFound.length) {
      print(`not failed (or gone): ${result.notFound.join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await queue.close();
  }
}
