import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectKeyword, createBullQueue, createCollectionDeps } from '@digitallz/core';
import { collectionChecksum, freePort, testKeyPrefix, testRedisUrl } from '@digitallz/core/testing';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { type SandboxServer, startSandboxServer } from '@digitallz/sandbox';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** The worker itself (not a tsx wrapper process), so that a signal reaches it. */
const nodeArgs = ['--import', 'tsx', main];
const observedAt = '2026-11-24T10:00:00.000Z';
const job = {
  platform: 'amazon' as const,
  marketplace: 'US',
  keyword: 'wedding',
  observedAt,
  expand: true,
  budget: 12,
};
const realServices = testDbKinds().includes('postgres') && Boolean(inject('services').redisUrl);

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandboxServer({
    asOf: new Date('2026-11-24T00:00:00Z'),
    keywords: 2_000,
    faults: { latencyMs: 120 },
  });
});
afterAll(() => sandbox.close());

/** The worker's log lines, kept to explain a failure. */
const logs = new WeakMap<ChildProcess, string[]>();

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      MARKETPLACE_BASE_URL: sandbox.url,
      COLLECT_SOURCE: 'sandbox',
      AMAZON_SP_API_ACCESS_TOKEN: 'sandbox',
      WORKER_LOCK_MS: '2000',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  logs.set(child, lines);
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').slice(0, 20)));
  return child;
}

async function until(check: () => Promise<boolean> | boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(realServices)('worker faults', () => {
  it('a worker killed mid-job: the job is retried by another and the rows are as if it ran once', async () => {
    // What one clean run writes.
    const reference = await createTestDb('postgres');
    const deps = createCollectionDeps({
      db: reference.db,
      marketplaces: {
        amazon: { baseUrl: sandbox.url, credentials: { spApiAccessToken: 'sandbox' } },
      },
      source: 'sandbox',
      archiveDir: join(tmpdir(), 'digitallz-worker-faults'),
    });
    await collectKeyword(deps, job);
    const expected = await collectionChecksum(reference.db);
    await reference.close();

    const target = await createTestDb('postgres');
    const prefix = testKeyPrefix().slice(0, -1);
    const env = {
      REDIS_URL: testRedisUrl(),
      DATABASE_URL: target.url ?? '',
      QUEUE_PREFIX: prefix,
      WORKER_METRICS_PORT: '0',
      REDIS_KEY_PREFIX: `${prefix}:`,
    };
    const first = startWorker(env);
    const producer = createBullQueue({ redisUrl: testRedisUrl(), prefix });
    const { jobId } = await producer.enqueue('collect.keyword', job);
    const start = sandbox.stats().requests;
    await until(() => sandbox.stats().requests - start >= 4, 60_000);
    first.kill('SIGKILL');
    await once(first, 'exit');

    const second = startWorker(env);
    const queue = new Queue('collect', { connection: { url: testRedisUrl() }, prefix });
    await until(async () => (await queue.getJob(jobId))?.finishedOn !== undefined, 40_000);
    const finished = await queue.getJob(jobId);
    expect(finished?.failedReason).toBeUndefined();
    expect(await collectionChecksum(target.db)).toEqual(expected);

    second.kill('SIGTERM');
    await once(second, 'exit');
    await Promise.all([queue.close(), producer.close()]);
    await target.close();
  }, 90_000);

  it('Redis restarted: the worker and the producer reconnect and jobs run', async () => {
    const port = await freePort();
    const startRedis = () =>
      spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
    let redis = startRedis();
    const redisUrl = `redis://127.0.0.1:${port}`;
    const target = await createTestDb('postgres');
    // A lock long enough that a loaded machine does not take the job for stalled: this test is
    // about reconnecting, not about taking over a dead worker's job.
    const worker = startWorker({
      REDIS_URL: redisUrl,
      DATABASE_URL: target.url ?? '',
      WORKER_LOCK_MS: '30000',
      WORKER_METRICS_PORT: '0',
      LOG_LEVEL: 'info',
    });
    const producer = createBullQueue({ redisUrl });
    const queue = new Queue('collect', { connection: { url: redisUrl } });
    queue.on('error', () => {});
    try {
      // Started, schedules included: a Redis lost during start-up stops the worker (its supervisor
      // restarts it), which is not what this test is about.
      await until(() => (logs.get(worker) ?? []).some((l) => l.includes('worker ready')), 60_000);
      redis.kill('SIGTERM');
      await once(redis, 'exit');
      // Producers fail fast while Redis is down: the caller knows nothing was queued.
      await expect(
        producer.enqueue('collect.keyword', { ...job, keyword: 'planner', expand: false }),
      ).rejects.toThrow();
      redis = startRedis();
      let jobId = '';
      await until(async () => {
        try {
          jobId = (
            await producer.enqueue('collect.keyword', { ...job, keyword: 'planner', expand: false })
          ).jobId;
          return true;
        } catch {
          return false;
        }
      }, 20_000);
      // Generous: on a loaded 2-core machine the worker's connections take a while to come back.
      await until(
        async () => (await queue.getJob(jobId).catch(() => undefined))?.finishedOn !== undefined,
        60_000,
      );
      const done = await queue.getJob(jobId);
      expect(
        done?.returnvalue,
        `${done?.failedReason}\n${(logs.get(worker) ?? []).slice(-20).join('\n')}`,
      ).toMatchObject({ requests: 2 });
    } finally {
      worker.kill('SIGTERM');
      // A worker that cannot close cleanly (its Redis gone mid-close) is killed, not waited on.
      const killer = setTimeout(() => worker.kill('SIGKILL'), 10_000);
      await once(worker, 'exit');
      clearTimeout(killer);
      await Promise.all([queue.close(), producer.close()]);
      redis.kill('SIGTERM');
      await target.close();
    }
  }, 150_000);
});
