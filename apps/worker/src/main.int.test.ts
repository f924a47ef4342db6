import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createBullQueue } from '@digitallz/core';
import { freePort, testKeyPrefix, testRedisUrl } from '@digitallz/core/testing';
import { queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { describe, expect, inject, it } from 'vitest';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** The worker itself (not a tsx wrapper process), so that a signal reaches it. */
const nodeArgs = ['--import', 'tsx', main];

function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'pipe',
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return { child, output: () => output };
}

describe('worker process', () => {
  it('exits with a message naming REDIS_URL when it is missing', async () => {
    const worker = startWorker({});
    const [code] = await once(worker.child, 'exit');
    expect(code).toBe(1);
    expect(worker.output()).toContain('REDIS_URL');
  });

  it.runIf(testDbKinds().includes('postgres') && inject('services').redisUrl)(
    'processes queued jobs and shuts down gracefully on SIGTERM',
    async () => {
      const handle = await createTestDb('postgres');
      await handle.db.execute(
        sql`insert into cache_data (key, value, expires_at) values ('old', '{}', now() - interval '1 hour')`,
      );
      const prefix = testKeyPrefix().slice(0, -1);
      const url = handle.url ?? '';
      const metricsPort = await freePort();
      const worker = startWorker({
        REDIS_URL: testRedisUrl(),
        DATABASE_URL: url,
        QUEUE_PREFIX: prefix,
        REDIS_KEY_PREFIX: `${prefix}:`,
        WORKER_METRICS_PORT: String(metricsPort),
      });
      const queue = createBullQueue({ redisUrl: testRedisUrl(), prefix });
      await queue.enqueue('maintenance.purge-expired-cache', {});
      const deadline = Date.now() + 20_000;
      let left = 1;
      while (left > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        [{ left } = { left: 1 }] = await queryRows<{ left: number }>(
          handle.db,
          sql`select count(*)::int as left from cache_data`,
        );
      }
      expect(left).toBe(0);
      // Jobs may run before the schedules are in place and 'worker ready' is logged.
      for (let i = 0; i < 100 && !worker.output().includes('worker ready'); i++)
        await new Promise((r) => setTimeout(r, 200));
      // Prometheus metrics: the queues (read from Redis), the breakers, the job just run.
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(metrics).toMatch(/^queue_jobs\{queue="collect",state="waiting"\} 0$/m);
      expect(metrics).toMatch(/^queue_oldest_waiting_seconds\{queue="compute"\} 0$/m);
      expect(metrics).toMatch(/^collector_breaker_state\{platform="etsy"\} 0$/m);
      // The job queued above, and the schedule's first run of it.
      expect(metrics).toMatch(
        /^job_duration_seconds_count\{job="maintenance.purge-expired-cache"\} [1-9]\d*$/m,
      );
      expect(metrics).toContain('process_resident_memory_bytes');
      // The job's PostgreSQL queries, timed.
      expect(metrics).toMatch(/^db_query_duration_seconds_count\{result="ok"\} [1-9]\d*$/m);
      worker.child.kill('SIGTERM');
      const [code] = await once(worker.child, 'exit');
      expect(worker.output()).toContain('worker ready');
      expect(code).toBe(0);
      await queue.close();
      await handle.close();
    },
  );
});
