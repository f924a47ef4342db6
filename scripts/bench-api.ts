/**
 * npm run bench:api -- [--database digitallz_bench] [--seconds 15] [--connections 50]
 *   [--warm-seconds 20] [--cached-only] [--keywords 100000] [--source]
 *   [--heap MB (192, as in production; 0: Node's default)] [--prefill]
 *   [--profile DIR]  (CPU profiles of the API processes, node --cpu-prof, for Chrome's DevTools)
 *   [--workers 1|auto|N]  (API_WORKERS: API processes sharing the port; 1 by default)
 *   [--pool N]  (DATABASE_POOL_SIZE per API process; by default sized as docs/SCALING.md says)
 *   [--rounds 3]  (after (2), bare and cached API driven in turn, for a ratio drift does not skew)
 *
 * One run, three measurements, autocannon in its own process (scripts/lib/load-driver.ts), 50
 * connections, on the database `bench:load-data` filled:
 *   1. a bare node:http server answering a fixed JSON body: the ceiling of this machine;
 *   2. the real API with Redis, cached: keyword search and keyword detail, a Zipf mix over the
 *      100,000 most searched keywords of a platform (warmed first);
 *   3. the real API with the cache disabled: search, related and detail, each on its own.
 * Prints requests per second, p50/p95/p99, the ratios to (1), the API's memory and its cache hit
 * ratio (from /metrics), and the CPU each server spent per answer (from /proc: steadier than
 * requests per second on a shared machine).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApiKey } from '@digitallz/core';
import { childPids, freePort } from '@digitallz/core/testing';
import { createDb, queryRows, sql } from '@digitallz/db';
import { cacheLookups, hitRatio, readMetrics } from './lib/api-metrics';
import { API_HEAP_MB, API_MALLOC_ENV } from './lib/api-node-flags';
import { waitOk } from './lib/platform';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: 'digitallz_bench' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    platform: { type: 'string', default: 'etsy' },
    profile: { type: 'string' },
    /** Skip the uncached runs (3), e.g. while profiling the cached path. */
    'cached-only': { type: 'boolean', default: false },
    /** Which uncached runs (3) to make, comma-separated: search, related, detail. */
    uncached: { type: 'string', default: 'search,related,detail' },
    /** Skip the cached run (2) and its control, e.g. to compare uncached runs of two builds. */
    'skip-cached': { type: 'boolean', default: false },
    /**
     * The API bundle to run (default apps/api/dist/server.mjs, built first): another build's
     * folder copied beside it (apps/api/dist-<name>/server.mjs, with its chunks, so that its
     * imports resolve) for A/B pairs.
     */
    entry: { type: 'string' },
    'warm-seconds': { type: 'string', default: '20' },
    /** How many of the most searched keywords the mixes draw from (the Zipf tail's length). */
    keywords: { type: 'string', default: '100000' },
    /** Run the API from its TypeScript sources under tsx instead of the build:servers bundle. */
    source: { type: 'boolean', default: false },
    /**
     * The API's V8 old-space limit in MB (node --max-old-space-size): production's by default
     * (scripts/lib/api-node-flags.ts); 0 for Node's own.
     */
    heap: { type: 'string', default: String(API_HEAP_MB) },
    /**
     * Before the Zipf warm-up, request every path of the cached mix once, so that (2) measures a
     * cache in its steady state rather than one still meeting the tail for the first time.
     */
    prefill: { type: 'boolean', default: false },
    /**
     * After (2): this many rounds of the bare server (1) and the cached API in turn, a share of
     * --seconds each, for a ratio that the shared machine's drift between runs does not skew.
     */
    rounds: { type: 'string', default: '3' },
    /**
     * API_WORKERS of the API under test: 1 (as in every earlier session's figures), `auto` (one
     * process per core, as on a VM of its own) or a number. On the 2-core bench machine, where
     * PostgreSQL and the load generator share the cores, `auto` raises the cached run (2) and
     * lowers the uncached ones (3): BENCHMARKS.md, session 17.
     */
    workers: { type: 'string', default: '1' },
    /**
     * DATABASE_POOL_SIZE of each API process. By default sized as docs/SCALING.md sizes it for a
     * database server of this machine's cores (the bench database is local): 2 connections per
     * core in all, divided among the API processes. `--pool 20` runs the API's own default,
     * meant for a database server whose size it does not know.
     */
    pool: { type: 'string' },
  },
});
const databaseUrl =
  process.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${values.database}`;
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const seconds = Number(values.seconds);
const processes = values.workers === 'auto' ? cpus().length : Number(values.workers);
const pool = values.pool ?? String(Math.max(1, Math.round((2 * cpus().length) / processes)));
const connections = Number(values.connections);
/** The API's V8 old-space limit in MB; 0: Node's default. */
const heapMb = Number(values.heap);
const platform = values.platform as string;
const out = (line: string) => process.stdout.write(`${line}\n`);
const dir = mkdtempSync(join(tmpdir(), 'digitallz-bench-api-'));

type Result = {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Mean size of a response, headers included. */
  meanBytes: number;
  statuses: Record<string, number>;
};

function drive(
  url: string,
  paths: string[],
  runSeconds = seconds,
  zipf = 1,
  keys?: string[],
  seed = 42,
  sweep = false,
): Result {
  const file = join(dir, `load-${Date.now()}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      url,
      paths,
      zipf,
      connections,
      seconds: runSeconds,
      apiKeys: keys,
      seed,
      sweep,
    }),
  );
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/lib/load-driver.ts', file],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  return JSON.parse(output.trim().split('\n').at(-1) as string) as Result;
}

const rss = (pid: number | string | undefined, field: 'VmRSS' | 'VmHWM') => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024);
};

/** The API's processes: the one started, and its workers when API_WORKERS is over 1. */
const apiPids = (pid: number | undefined) => [String(pid), ...childPids(pid)];

/** Each API process's RSS (the issue's target is per process), largest first. */
const apiRss = (pid: number | undefined) => {
  const each = apiPids(pid)
    .map((p) => ({ now: rss(p, 'VmRSS'), peak: rss(p, 'VmHWM') }))
    .sort((a, b) => b.now - a.now);
  const [largest] = each;
  return `API RSS ${largest?.now} MB in its largest process (peak ${largest?.peak} MB)${each.length > 1 ? `; processes ${each.map((e) => e.now).join(' + ')} MB` : ''}`;
};

/** The servers this run started: stopped however the run ends (a crash left an API running). */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  // Those already told to stop are left to finish (a --profile child writes its profile then).
  for (const child of children) if (!child.killed && child.exitCode === null) child.kill('SIGKILL');
});

async function startApi(port: number, env: Record<string, string>) {
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
  const entry = values.source
    ? ['--import', 'tsx', 'apps/api/src/server.ts']
    : ['--enable-source-maps', values.entry ?? 'apps/api/dist/server.mjs'];
  const heapLimit = heapMb > 0 ? [`--max-old-space-size=${heapMb}`] : [];
  if (process.env.BENCH_NODE_FLAGS) heapLimit.push(...process.env.BENCH_NODE_FLAGS.split(' '));
  const child = spawn(process.execPath, [...profile, ...heapLimit, ...entry], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      ...API_MALLOC_ENV,
      API_PORT: String(port),
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: 'bench-api',
      API_WORKERS: values.workers as string,
      DATABASE_POOL_SIZE: pool,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  await waitOk(`http://127.0.0.1:${port}/ready`, child);
  return child;
}

/** The V8 heap and the memory outside it, from the API's default Prometheus metrics. */
async function heap(port: number) {
  const text = await readMetrics(port);
  const mb = (name: string) =>
    Math.round(Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0) / 2 ** 20);
  // With several workers /metrics sums them.
  return `heap used ${mb('nodejs_heap_size_used_bytes')} MB of ${mb('nodejs_heap_size_total_bytes')} MB, external ${mb('nodejs_external_memory_bytes')} MB, over all workers`;
}

/** CPU seconds a process has used, from /proc (clock ticks of 10 ms): user, system (the kernel's, sending). */
const cpuTimes = (pid: number | undefined) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
};
/** The same, summed over the API's processes. */
const apiCpuTimes = (pid: number | undefined) =>
  apiPids(pid).reduce(
    (sum, p) => {
      const times = cpuTimes(Number(p));
      return { user: sum.user + times.user, system: sum.system + times.system };
    },
    { user: 0, system: 0 },
  );
const apiCpuSeconds = (pid: number | undefined) => {
  const { user, system } = apiCpuTimes(pid);
  return user + system;
};

/** CPU seconds every core spent busy (PostgreSQL, Redis and the load generator included), from /proc/stat. */
const machineBusySeconds = () => {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] as string)
    .trim()
    .split(/\s+/);
  const n = ticks.slice(0, 8).map(Number);
  // user nice system idle iowait irq softirq steal: all but idle and iowait.
  return (n.reduce((a, b) => a + b, 0) - (n[3] ?? 0) - (n[4] ?? 0)) / 100;
};

/**
 * Microseconds of one process's CPU per answer over a run: unlike requests per second, it hardly
 * moves with what else the shared machine runs, so it compares two runs, or the API with bare.
 */
const cpuPerAnswer = (cpu: number, result: Result) =>
  (cpu * 1e6) /
  Math.max(
    1,
    Object.values(result.statuses).reduce((sum, n) => sum + n, 0),
  );

const fmt = (r: Result) =>
  `${String(r.requestsPerSecond).padStart(7)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${JSON.stringify(r.statuses)}`;

// The API as production runs it: the bundle of build:servers (or the sources, --source).
if (!values.source && !values.entry)
  execFileSync('npm', ['run', '--silent', 'build:servers'], { stdio: 'ignore' });

// The keywords: the most searched of the platform, most searched first (Zipf rank order).
const handle = await createDb({ url: databaseUrl });
await handle.migrate();
// Statistics for the expressions of indexes newer than the load (the planner needs them).
await handle.db.execute(sql`analyze keyword_data`);
const keywords = (
  await queryRows<{ keyword: string }>(
    handle.db,
    sql`select keyword from keyword_data where platform = ${platform} and marketplace = 'US'
        order by coalesce(search_volume, -1)::float8 desc, id limit ${Number(values.keywords)}`,
  )
).map((r) => encodeURIComponent(r.keyword));
const [{ n: rows } = { n: 0 }] = await queryRows<{ n: number }>(
  handle.db,
  sql`select reltuples::bigint::int as n from pg_class where relname = 'keyword_data'`,
);
// Paying users, each with an API key: every request is authenticated and spends a quota.
const USERS = 400;
await handle.db.execute(sql`
  insert into users (email, subscription)
  select 'bench-' || i || '@digitallz.test', 'business' from generate_series(1, ${USERS}) as i
  on conflict do nothing`);
await handle.db.execute(
  sql`update api_keys set revoked_at = now() where name = 'bench' and revoked_at is null`,
);
const benchUsers = await queryRows<{ id: string }>(
  handle.db,
  sql`select id::text as id from users where email like 'bench-%@digitallz.test' order by email`,
);
const apiKeys: string[] = [];
for (const user of benchUsers)
  apiKeys.push(
    (
      await createApiKey(
        { db: handle.db, clock: () => new Date() },
        user.id,
        { name: 'bench', scopes: ['keywords:read'] },
        {},
      )
    ).key,
  );
await handle.close();
const searchPaths = keywords.map((k) => `/api/v1/keywords/search?q=${k}&platform=${platform}`);
const detailPaths = keywords.map((k) => `/api/v1/keywords/${platform}/${k}`);
const relatedPaths = keywords.map((k) => `/api/v1/keywords/${platform}/${k}/related`);
const mixed = keywords.flatMap((_, i) => [searchPaths[i] as string, detailPaths[i] as string]);

out(
  `machine: ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}; database ~${rows.toLocaleString('en-US')} keyword rows; ${connections} connections, ${seconds} s per run; API_WORKERS=${values.workers}, DATABASE_POOL_SIZE=${pool}, API heap limit ${heapMb > 0 ? `${heapMb} MB` : "Node's default"}`,
);

/** A bare node:http server answering `body` to every request, driven for one run. */
async function startBare(body: string) {
  const port = await freePort();
  const bare = spawn(
    process.execPath,
    [
      '-e',
      `const body = ${JSON.stringify(body)}; require('node:http').createServer((q, s) => { s.writeHead(200, { 'content-type': 'application/json' }); s.end(body); }).listen(${port}, '127.0.0.1')`,
    ],
    { stdio: 'inherit' },
  );
  children.add(bare);
  await waitOk(`http://127.0.0.1:${port}/`, bare);
  return { bare, url: `http://127.0.0.1:${port}` };
}

/** A bare node:http server answering `body` to every request, driven for one run. */
async function driveBare(body: string) {
  const { bare, url } = await startBare(body);
  const cpu = cpuTimes(bare.pid);
  const result = drive(url, ['/']);
  const after = cpuTimes(bare.pid);
  const perAnswer = cpuPerAnswer(after.user + after.system - cpu.user - cpu.system, result);
  const systemPerAnswer = cpuPerAnswer(after.system - cpu.system, result);
  bare.kill();
  return { ...result, cpuPerAnswer: perAnswer, systemPerAnswer };
}
const cpuFmt = (us: number) => `${us.toFixed(0)} µs of CPU per answer`;

// 1. The ceiling.
const BARE_BODY = JSON.stringify({
  data: [{ keyword: 'wedding invitation', searchVolume: 12000 }],
});
const ceiling = await driveBare(BARE_BODY);
out(`1. bare node:http, fixed JSON        ${fmt(ceiling)}; ${cpuFmt(ceiling.cpuPerAnswer)}`);

// 2. Cached, with Redis.
async function runCached() {
  const cachedPort = await freePort();
  // A key prefix of its own: the cache starts cold in every run, whatever earlier runs left in Redis.
  const cached = await startApi(cachedPort, {
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `bench-api-${Date.now().toString(36)}:`,
  });
  // Warm-up: the same Zipf mix for a while, so the measured run sees a cache in its steady state.
  // Its draws have their own seed: the measured run must not replay the warm-up's exact sequence.
  const warmSeconds = Number(values['warm-seconds']);
  if (values.prefill) {
    const started = Date.now();
    const sweep = drive(`http://127.0.0.1:${cachedPort}`, mixed, 3_600, 1, apiKeys, 0, true);
    out(
      `   prefill: each of the ${mixed.length.toLocaleString('en-US')} paths once in ${((Date.now() - started) / 1000).toFixed(0)} s (${sweep.requestsPerSecond} req/s, ${JSON.stringify(sweep.statuses)})`,
    );
  }
  if (warmSeconds > 0) drive(`http://127.0.0.1:${cachedPort}`, mixed, warmSeconds, 1, apiKeys, 1);
  const before = await cacheLookups(cachedPort);
  const cachedCpu = apiCpuTimes(cached.pid);
  const cachedRun = drive(`http://127.0.0.1:${cachedPort}`, mixed, seconds, 1, apiKeys, 2);
  const cachedAfter = apiCpuTimes(cached.pid);
  const cachedPerAnswer = cpuPerAnswer(
    cachedAfter.user + cachedAfter.system - cachedCpu.user - cachedCpu.system,
    cachedRun,
  );
  const cachedSystem = cpuPerAnswer(cachedAfter.system - cachedCpu.system, cachedRun);
  const ratio = hitRatio(before, await cacheLookups(cachedPort));
  out(`2. API cached (search + detail, Zipf) ${fmt(cachedRun)}; API ${cpuFmt(cachedPerAnswer)}`);
  out(
    `   = ${((100 * cachedRun.requestsPerSecond) / ceiling.requestsPerSecond).toFixed(1)}% of (1)'s requests per second; cache hit ratio ${ratio.percent.toFixed(1)}% over ${ratio.lookups.toLocaleString('en-US')} lookups; ${apiRss(cached.pid)} (${await heap(cachedPort)})`,
  );
  // The same ratio from interleaved rounds: the bare server and the API each driven in turn, so
  // that both see the same moments of this shared machine (its speed moves by a third from one
  // minute to the next: BENCHMARKS.md, session 17).
  const rounds = Number(values.rounds);
  if (rounds > 0) {
    const { bare, url } = await startBare(BARE_BODY);
    const pairs: { bare: Result; api: Result }[] = [];
    const slice = Math.max(1, Math.round(seconds / rounds));
    for (let round = 0; round < rounds; round++) {
      pairs.push({
        bare: drive(url, ['/'], slice),
        api: drive(`http://127.0.0.1:${cachedPort}`, mixed, slice, 1, apiKeys, 10 + round),
      });
    }
    bare.kill();
    const apiRequests = pairs.reduce((a, p) => a + p.api.requestsPerSecond, 0);
    const bareRequests = pairs.reduce((a, p) => a + p.bare.requestsPerSecond, 0);
    const worstP99 = Math.max(...pairs.map((p) => p.api.p99));
    out(
      `   interleaved, ${rounds} rounds of ${slice} s each (bare / API req/s: ${pairs.map((p) => `${p.bare.requestsPerSecond} / ${p.api.requestsPerSecond}`).join(', ')}): API = ${((100 * apiRequests) / bareRequests).toFixed(1)}% of bare; API p99 ${worstP99.toFixed(1)} ms in its worst round`,
    );
  }
  cached.kill('SIGTERM');

  // A control: the same bare server answering a body as large as the cached answers were. The
  // ratio to (1) is the issue's; this one tells how much of the gap is the size of the answers
  // (the kernel's copies on loopback, the load generator reading them) rather than the API's work.
  const sized = await driveBare(
    JSON.stringify({ data: 'x'.repeat(Math.max(0, cachedRun.meanBytes - 200)) }),
  );
  out(
    `   control: bare node:http answering ${(cachedRun.meanBytes / 1024).toFixed(1)} KB (the cached answers' mean size) ${fmt(sized)}; (2) = ${((100 * cachedRun.requestsPerSecond) / sized.requestsPerSecond).toFixed(1)}% of it`,
  );
  out(
    `   CPU per answer: API ${cachedPerAnswer.toFixed(0)} µs, bare ${ceiling.cpuPerAnswer.toFixed(0)} µs (${((100 * ceiling.cpuPerAnswer) / cachedPerAnswer).toFixed(1)}%), bare answering as much ${sized.cpuPerAnswer.toFixed(0)} µs (${((100 * sized.cpuPerAnswer) / cachedPerAnswer).toFixed(1)}%); of which in the kernel (system time): API ${cachedSystem.toFixed(0)} µs, bare ${ceiling.systemPerAnswer.toFixed(0)} µs, bare answering as much ${sized.systemPerAnswer.toFixed(0)} µs`,
  );
}
if (!values['skip-cached']) await runCached();

// 3. Uncached, every request to PostgreSQL.
if (values['cached-only']) process.exit(0);
const uncachedPort = await freePort();
// Redis for the quota counters (several workers share them), the cache off.
const uncached = await startApi(uncachedPort, {
  CACHE_DISABLED: 'true',
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: `bench-api-${Date.now().toString(36)}:`,
});
const wanted = new Set((values.uncached as string).split(','));
for (const [name, paths] of [
  ['search', searchPaths],
  ['related', relatedPaths],
  ['detail', detailPaths],
] as const) {
  if (!wanted.has(name)) continue;
  const [apiCpu, machineCpu] = [apiCpuSeconds(uncached.pid), machineBusySeconds()];
  const result = drive(`http://127.0.0.1:${uncachedPort}`, paths, seconds, 1, apiKeys);
  const api = cpuPerAnswer(apiCpuSeconds(uncached.pid) - apiCpu, result);
  const machine = cpuPerAnswer(machineBusySeconds() - machineCpu, result);
  out(
    `3. API uncached ${name.padEnd(8)}             ${fmt(result)}  (${((100 * result.requestsPerSecond) / ceiling.requestsPerSecond).toFixed(1)}% of (1)); CPU per answer: API ${api.toFixed(0)} µs, machine ${machine.toFixed(0)} µs`,
  );
}
out(`   ${apiRss(uncached.pid)}`);
uncached.kill('SIGTERM');
