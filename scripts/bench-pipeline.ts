/**
 * npm run bench:pipeline -- [--seconds 60] [--workers 1] [--concurrency 4] [--keywords 1000000]
 *   [--profile DIR]
 *
 * End-to-end collection throughput against the sandbox marketplace: worker processes on BullMQ
 * (real Redis) write to real PostgreSQL. Prints observations stored per second and worker memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createBullQueue } from '@digitallz/core';
import { createDb, queryRows, sql } from '@digitallz/db';
import { startSandboxServer } from '@digitallz/sandbox';
import { Queue } from 'bullmq';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    keywords: { type: 'string', default: '1000000' },
    workers: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '4' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
    /** A folder for the workers' CPU profiles (node --cpu-prof), to open in Chrome's DevTools. */
    profile: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const out = (line: string) => process.stdout.write(`${line}\n`);

const admin = new pg.Client({ connectionString: values['database-url'] });
await admin.connect();
await admin.query('drop database if exists dz_bench_pipeline with (force)');
await admin.query('create database dz_bench_pipeline');
await admin.end();
const url = new URL(values['database-url'] as string);
url.pathname = '/dz_bench_pipeline';
const database = await createDb({ url: url.toString() });
await database.migrate();

const sandbox = await startSandboxServer({ asOf: new Date(), keywords: Number(values.keywords) });
const prefix = `bench-${Date.now().toString(36)}`;
const dataDir = mkdtempSync(join(tmpdir(), 'digitallz-bench-'));
const unlimited = JSON.stringify({
  amazon: { perSecond: 100_000, burst: 1_000 },
  etsy: { perSecond: 100_000, burst: 1_000 },
  ebay: { perSecond: 100_000, burst: 1_000 },
});
const workers: ChildProcess[] = Array.from({ length: Number(values.workers) }, () =>
  // The worker itself (node with the tsx loader), so that its memory is what is measured.
  spawn(
    process.execPath,
    [
      ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
      '--import',
      'tsx',
      join(import.meta.dirname, '../apps/worker/src/main.ts'),
    ],
    {
      cwd: join(import.meta.dirname, '..'),
      env: {
        PATH: process.env.PATH ?? '',
        REDIS_URL: values['redis-url'],
        DATABASE_URL: url.toString(),
        QUEUE_PREFIX: prefix,
        WORKER_METRICS_PORT: '0',
        WORKER_CONCURRENCY: values.concurrency,
        MARKETPLACE_BASE_URL: sandbox.url,
        COLLECT_SOURCE: 'sandbox',
        COLLECT_RATE_LIMITS: unlimited,
        AMAZON_SP_API_ACCESS_TOKEN: 'sandbox',
        ETSY_API_KEY: 'sandbox',
        EBAY_CLIENT_ID: 'sandbox',
        EBAY_CLIENT_SECRET: 'sandbox',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  ),
);

const producer = createBullQueue({ redisUrl: values['redis-url'] as string, prefix });
// Seeds are what a seller types: a theme or a product word ("wedding", "svg"), whose autocomplete
// answers carry full pages, and the walk goes on from there.
const seeds = [
  ...new Set(
    [...sandbox.market.records()]
      .filter((k) => k.platform === 'amazon')
      .flatMap((k) => {
        const words = k.keyword.split(' ');
        return [words.slice(0, 1).join(' '), words.slice(0, 2).join(' ')];
      }),
  ),
];
// One collection time per job: overlapping walks would otherwise write the same observation
// (same prefix, keyword and time) once and skip it after, hiding the pipeline's throughput.
const started0 = Date.now();
let next = 0;
const feed = async () => {
  // Keep a few hundred jobs waiting so workers never starve.
  // Seeds are reused round after round (a new collection time each), as scheduled refreshes would.
  for (let i = 0; i < 200; i++, next++) {
    await producer.enqueue('collect.keyword', {
      platform: 'amazon',
      keyword: seeds[next % seeds.length] as string,
      observedAt: new Date(started0 + next).toISOString(),
      expand: true,
      budget: 20,
    });
  }
};

// A feeder tops the queue up twice a second, so the workers never wait for work.
const depth = new Queue('collect', { connection: { url: values['redis-url'] }, prefix });
let feeding = true;
const feeder = (async () => {
  while (feeding) {
    const counts = await depth.getJobCounts('waiting', 'prioritized');
    if ((counts.waiting ?? 0) + (counts.prioritized ?? 0) < 300) await feed();
    await new Promise((r) => setTimeout(r, 500));
  }
})();

const count = async () =>
  (
    await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from suggestion_observations`,
    )
  )[0]?.n ?? 0;
const rssMb = (child: ChildProcess) => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
};

out(
  `bench:pipeline — ${seconds}s, ${values.workers} worker process(es) x concurrency ${values.concurrency}, ${cpus().length} cores, Node ${process.version}`,
);
await feed();
const started = Date.now();
const samples: { t: number; observations: number; requests: number; rss: number[] }[] = [];
const interval = Math.max(5, Math.min(30, Math.round(seconds / 10)));
while (Date.now() - started < seconds * 1000) {
  await new Promise((r) => setTimeout(r, interval * 1000));
  const sample = {
    t: (Date.now() - started) / 1000,
    observations: await count(),
    requests: sandbox.stats().requests,
    rss: workers.map(rssMb),
  };
  const previous = samples.at(-1) ?? { t: 0, observations: 0, requests: 0 };
  samples.push(sample);
  out(
    `  t=${sample.t.toFixed(0).padStart(4)}s  observations=${String(sample.observations).padStart(8)}  ` +
      `rate=${((sample.observations - previous.observations) / (sample.t - previous.t)).toFixed(0).padStart(6)}/s  ` +
      `requests=${((sample.requests - previous.requests) / (sample.t - previous.t)).toFixed(0).padStart(5)}/s  worker RSS=${sample.rss.join(', ')} MB`,
  );
}
const last = samples.at(-1) ?? { t: 1, observations: 0, requests: 0, rss: [] };
const first = samples[0] ?? last;
const steady =
  samples.length > 1
    ? (last.observations - first.observations) / (last.t - first.t)
    : last.observations / last.t;
const stats = sandbox.stats();
out('');
out(
  `observations stored: ${last.observations} in ${last.t.toFixed(0)}s = ${(last.observations / last.t).toFixed(0)}/s overall, ${steady.toFixed(0)}/s after the first interval`,
);
out(`marketplace requests: ${stats.requests} (${(stats.requests / last.t).toFixed(0)}/s)`);
out(`worker RSS: first sample ${first.rss.join(', ')} MB, last ${last.rss.join(', ')} MB`);

feeding = false;
await feeder;
await depth.close();
for (const worker of workers) worker.kill('SIGTERM');
await Promise.all(workers.map((w) => new Promise((r) => w.once('exit', r))));
await producer.close();
await sandbox.close();
await database.close();
rmSync(dataDir, { recursive: true, force: true });
