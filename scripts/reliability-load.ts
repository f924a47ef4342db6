/**
 * npm run reliability:load -- [--minutes 10] [--rate 2000] [--connections 64] [--keywords 200000]
 *   [--warm-seconds 60] [--ceiling-seconds 30]
 *
 * Ten minutes of mixed traffic on the whole platform, loopback only: the API and the worker as
 * production runs them (the build:servers bundles) on this machine's PostgreSQL and Redis, the
 * sandbox marketplace, and a collection feed that keeps the worker busy the whole time.
 *   - the world: `bench:load-data` fills `dz_reliability_load` with `--keywords` keyword rows;
 *   - the users: 200 Business-plan users with an API key each (every request authenticated and
 *     counted against its quotas), and 50 with a password for the sign-ins;
 *   - the mix: search 45%, detail 30%, related 20%, search export (CSV, streamed) 1%, batch
 *     submit (20 keywords) 2%, sign-in 0.2%; keywords drawn head-heavy from the 20,000 most searched;
 *   - the rate: twice the original target (2,000 requests/s) or the machine's ceiling for this
 *     mix (measured first: 30 s unthrottled after a 60 s warm-up), whichever is lower;
 *   - the collection: the worker collects from the sandbox at the marketplaces' default rate
 *     limits, fed so that it never runs out of work.
 * Prints, every 30 s and in total: throughput, p50/p95/p99, error rate (no answer or 5xx), the
 * memory of the API and the worker, the observations the collection stored.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createBullQueue } from '@digitallz/core';
import { freePort } from '@digitallz/core/testing';
import { createDb, queryRows, sql } from '@digitallz/db';
import { startSandboxServer } from '@digitallz/sandbox';
import { Queue } from 'bullmq';
import { cacheLookups, hitRatio } from './lib/api-metrics';
import type { MixConfig, MixFigures, MixOperation, MixReport } from './lib/mix-driver';
import {
  apiKeyUsers,
  benchServices,
  buildServers,
  loadWorld,
  ROOT,
  rssMb,
  sandboxCollection,
  secretsInLogs,
  startServer,
  waitOk,
} from './lib/platform';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '64' },
    keywords: { type: 'string', default: '200000' },
    'warm-seconds': { type: 'string', default: '60' },
    'ceiling-seconds': { type: 'string', default: '30' },
  },
});
const DATABASE = 'dz_reliability_load';
const { databaseUrl, redisUrl } = benchServices(DATABASE);
const out = (line: string) => process.stdout.write(`${line}\n`);
const dir = mkdtempSync(join(tmpdir(), 'digitallz-reliability-load-'));
const prefix = `reliability-load-${Date.now().toString(36)}`;

// 1. The world, the servers.
out(`reliability:load — ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}`);
loadWorld(databaseUrl.toString(), Number(values.keywords));
buildServers();
const sandbox = await startSandboxServer({ asOf: new Date(), keywords: 200_000 });
const encryptionKey = randomBytes(32).toString('base64');
const authSecret = randomBytes(32).toString('base64url');
const common = {
  DATABASE_URL: databaseUrl.toString(),
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  REDIS_KEY_PREFIX: `${prefix}:`,
  DATA_DIR: dir,
  ENCRYPTION_KEYS: `load:${encryptionKey}`,
  // Production's level: the logs are then searched for secrets.
  LOG_LEVEL: 'info',
};
const logs = { api: join(dir, 'api.log'), worker: join(dir, 'worker.log') };
const apiPort = await freePort();
const api = startServer(
  'api',
  {
    ...common,
    API_PORT: String(apiPort),
    // Clients arrive through the load balancer: each sign-in carries its client's address.
    TRUST_PROXY: 'true',
    AUTH_SECRET: authSecret,
  },
  logs.api,
);
const workerPort = await freePort();
// The marketplaces' own rate limits (the defaults), as in production.
const worker = startServer(
  'worker',
  { ...common, ...sandboxCollection(sandbox.url), WORKER_METRICS_PORT: String(workerPort) },
  logs.worker,
);
const base = `http://127.0.0.1:${apiPort}`;
await waitOk(`${base}/ready`, api);
await waitOk(`http://127.0.0.1:${workerPort}/health`, worker);

// 2. The users: API keys for the traffic, passwords for the sign-ins.
const handle = await createDb({ url: databaseUrl.toString() });
const apiKeys = await apiKeyUsers(handle.db, 'load', 200, ['keywords:read', 'batches:write']);
const password = `Load-${randomBytes(8).toString('hex')}-pass`;
const signInUsers: string[] = [];
for (let i = 0; i < 50; i++) {
  const email = `signin-${prefix}-${i}@digitallz.test`;
  const res = await fetch(`${base}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.0.${i + 1}` },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
  signInUsers.push(email);
}
const keywords = (
  await queryRows<{ keyword: string; platform: string }>(
    handle.db,
    sql`select keyword, platform from keyword_data where marketplace = 'US'
        order by coalesce(search_volume, -1)::float8 desc, id limit 20000`,
  )
).map((r) => ({ q: encodeURIComponent(r.keyword), raw: r.keyword, platform: r.platform }));

// 3. The mix.
const get = (path: string) => ({ method: 'GET' as const, path });
const operations: MixOperation[] = [
  {
    name: 'search',
    weight: 45,
    skew: 3,
    requests: keywords.map((k) => get(`/api/v1/keywords/search?q=${k.q}&platform=${k.platform}`)),
  },
  {
    name: 'detail',
    weight: 30,
    skew: 3,
    requests: keywords.map((k) => get(`/api/v1/keywords/${k.platform}/${k.q}`)),
  },
  {
    name: 'related',
    weight: 20,
    skew: 3,
    requests: keywords.map((k) => get(`/api/v1/keywords/${k.platform}/${k.q}/related`)),
  },
  {
    // Every match of a search, streamed: tail keywords (tens to hundreds of rows each).
    name: 'export',
    weight: 1,
    requests: keywords
      .slice(10_000, 12_000)
      .map((k) => get(`/api/v1/keywords/search/export?q=${k.q}&platform=${k.platform}&format=csv`)),
  },
  {
    name: 'batch',
    weight: 2,
    requests: Array.from({ length: 500 }, (_, i) => ({
      method: 'POST' as const,
      path: '/api/v1/batches',
      body: JSON.stringify({
        platform: 'etsy',
        keywords: keywords.slice(i * 20, i * 20 + 20).map((k) => k.raw),
        collectMissing: false,
      }),
    })),
  },
  {
    name: 'sign-in',
    weight: 0.2,
    requests: Array.from({ length: 2000 }, (_, i) => ({
      method: 'POST' as const,
      path: '/api/v1/auth/sign-in',
      anonymous: true,
      headers: { 'x-forwarded-for': `10.2.${Math.floor(i / 250)}.${(i % 250) + 1}` },
      body: JSON.stringify({ email: signInUsers[i % signInUsers.length], password }),
    })),
  },
];

function drive(
  seconds: number,
  rate: number,
  onInterval: (report: MixReport) => void,
): Promise<MixReport> {
  const file = join(dir, `mix-${Date.now()}.json`);
  const config: MixConfig = {
    url: base,
    connections: Number(values.connections),
    seconds,
    rate,
    intervalSeconds: 30,
    operations,
    apiKeys,
  };
  writeFileSync(file, JSON.stringify(config));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/lib/mix-driver.ts', file], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let total: MixReport | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const parsed = JSON.parse(line) as { interval?: MixReport; total?: MixReport };
      if (parsed.interval) onInterval(parsed.interval);
      if (parsed.total) total = parsed.total;
    });
    child.on('exit', (code) =>
      total ? resolve(total) : reject(new Error(`mix driver exited ${code}`)),
    );
  });
}

// 4. Collection running the whole time: a feed keeps ~100 collect jobs waiting.
const producer = createBullQueue({ redisUrl, prefix });
const depth = new Queue('collect', { connection: { url: redisUrl }, prefix });
const seeds = [...new Set(keywords.map((k) => k.raw.split(' ').slice(0, 2).join(' ')))];
let fed = 0;
let feeding = true;
const feeder = (async () => {
  while (feeding) {
    const counts = await depth.getJobCounts('waiting', 'prioritized');
    if ((counts.waiting ?? 0) + (counts.prioritized ?? 0) < 100)
      for (let i = 0; i < 50; i++, fed++)
        await producer.enqueue('collect.keyword', {
          platform: 'amazon',
          keyword: seeds[fed % seeds.length] as string,
          observedAt: new Date(Date.now() + fed).toISOString(),
          expand: true,
          budget: 10,
        });
    await new Promise((r) => setTimeout(r, 1_000));
  }
})();
const observations = async () =>
  (
    await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from suggestion_observations`,
    )
  )[0]?.n ?? 0;

const line = (label: string, f: MixFigures) =>
  `${label.padEnd(10)} ${String(f.perSecond).padStart(6)}/s  p50 ${f.p50.toFixed(1).padStart(7)} ms  p95 ${f.p95.toFixed(1).padStart(7)} ms  p99 ${f.p99.toFixed(1).padStart(7)} ms  errors ${((100 * f.errors) / Math.max(1, f.requests)).toFixed(3)}%  ${JSON.stringify(f.statuses)}`;

// 5. A warm-up (the caches fill), the ceiling, then the run.
await drive(Number(values['warm-seconds']), 0, () => {});
const ceiling = await drive(Number(values['ceiling-seconds']), 0, () => {});
const rate = Math.min(Number(values.rate), ceiling.perSecond);
out(
  `ceiling for this mix: ${ceiling.perSecond} requests/s (p99 ${ceiling.p99} ms); the run: ${rate} requests/s for ${values.minutes} min, ${values.connections} connections`,
);
for (const [name, figures] of Object.entries(ceiling.operations)) out(`  ${line(name, figures)}`);
const minutes = Number(values.minutes);
const memory: { t: number; api: number; worker: number }[] = [];
let elapsed = 0;
let stored = await observations();
const startObservations = stored;
const lookupsBefore = await cacheLookups(apiPort);
const total = await drive(minutes * 60, rate, (interval) => {
  elapsed += interval.seconds;
  const sample = { t: elapsed, api: rssMb(api), worker: rssMb(worker) };
  memory.push(sample);
  void observations().then((n) => {
    out(
      `  t=${elapsed.toFixed(0).padStart(4)}s ${line('', interval)}  RSS api ${sample.api} MB, worker ${sample.worker} MB; collection ${Math.round((n - stored) / interval.seconds)} observations/s`,
    );
    stored = n;
  });
});
out('');
out(`totals over ${minutes} min at ${rate} requests/s asked:`);
out(line('all', total));
for (const [name, figures] of Object.entries(total.operations)) out(line(name, figures));
const first = memory.slice(0, 2);
const last = memory.slice(-2);
const avg = (list: typeof memory, key: 'api' | 'worker') =>
  Math.round(list.reduce((sum, m) => sum + m[key], 0) / Math.max(1, list.length));
out(
  `memory: API ${avg(first, 'api')} MB in the first minute, ${avg(last, 'api')} MB in the last; worker ${avg(first, 'worker')} MB, ${avg(last, 'worker')} MB`,
);
const collected = (await observations()) - startObservations;
const failed = await depth.getJobCounts('failed');
out(
  `collection: ${collected.toLocaleString('en-US')} observations stored (${Math.round(collected / (minutes * 60))}/s), ${fed} jobs fed, ${failed.failed ?? 0} failed`,
);
const ratio = hitRatio(lookupsBefore, await cacheLookups(apiPort));
out(
  `cache: ${ratio.percent.toFixed(1)}% of ${ratio.lookups.toLocaleString('en-US')} lookups answered from a cache layer (response cache included), with collection moving the data versions`,
);
out(
  `error rate: ${((100 * total.errors) / Math.max(1, total.requests)).toFixed(3)}% (target under 0.1%)`,
);

const leaked = secretsInLogs(Object.values(logs), {
  AUTH_SECRET: authSecret,
  'the encryption key': encryptionKey,
  'the sign-in password': password,
  ...Object.fromEntries(apiKeys.map((key, i) => [`API key ${i}`, key])),
});
out(
  `no-secret check of the servers' logs (info level): ${leaked.length === 0 ? 'none of the 203 secrets found' : `FOUND ${leaked.join(', ')}`}`,
);

feeding = false;
await feeder;
await depth.obliterate({ force: true }).catch(() => {});
await depth.close();
await producer.close();
api.kill('SIGTERM');
worker.kill('SIGTERM');
await Promise.all([api, worker].map((c) => new Promise((r) => c.once('exit', r))));
await handle.close();
await sandbox.close();
rmSync(dir, { recursive: true, force: true });
