/**
 * npm run reliability:faults -- [--only kill-worker,redis,postgres,postgres-long,api-down,
 *   bad-answers,outage,replay] [--outage-seconds 60] [--bad-seconds 60] [--long-seconds 90]
 *
 * The platform's faults, one after the other, loopback only: the API and the worker (their
 * build:servers bundles) on a PostgreSQL cluster and a Redis server of the script's own (so that
 * they can be restarted: run as root with Debian's pg_createcluster; Redis with its append-only
 * file, as production runs the queue's Redis), the sandbox marketplace in this process.
 * Throughout, a prober sends 20 API requests a second (search and detail) and a feeder queues a
 * collection job every 2 s. For each fault the script prints:
 *   - the API requests that failed (no answer or 5xx) while it lasted and until recovery;
 *   - the time to recover: from the end of the fault to the last failed probe or stalled job;
 *   - what was lost or duplicated: jobs accepted vs completed and failed, batch results against a
 *     reference run (row counts and checksums), payloads quarantined vs malformed answers served.
 * Faults: kill-worker (kill -9 mid-batch), redis (stopped 5 s, restarted), postgres (stopped 5 s,
 * restarted), postgres-long (stopped 90 s), api-down (the API killed for 90 s), bad-answers (429s, 5xx, malformed payloads, then timeouts), outage (the marketplace
 * gone for a minute), replay (credentials refused for 30 s: jobs fail for good, then the failed
 * set is replayed).
 * With Debian's `prometheus` installed, a real Prometheus scrapes the API and the worker with
 * production's intervals and alert rules, and each report says which alerts went pending and
 * firing, and how long after the fault began (the original target: detection under a minute).
 * With --keep-logs the servers' logs (api.log, worker.log) stay in the run's temporary
 * folder, to see what each failed probe met.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createBullQueue, normalizeKeyword } from '@digitallz/core';
import { freePort } from '@digitallz/core/testing';
import { createDb, queryRows, sql } from '@digitallz/db';
import { FaultsSchema, startSandboxServer } from '@digitallz/sandbox';
import { Queue } from 'bullmq';
import {
  apiKeyUsers,
  buildServers,
  loadWorld,
  sandboxCollection,
  secretsInLogs,
  startServer,
  waitOk,
} from './lib/platform';
import { prometheusInstalled, startPrometheus } from './lib/prometheus';

const ALL = [
  'kill-worker',
  'redis',
  'postgres',
  'postgres-long',
  'api-down',
  'bad-answers',
  'outage',
  'replay',
] as const;
const { values } = parseArgs({
  options: {
    only: { type: 'string', default: ALL.join(',') },
    'outage-seconds': { type: 'string', default: '60' },
    'bad-seconds': { type: 'string', default: '60' },
    /** How long the long faults last (postgres-long, api-down): past the alerts' `for: 30s`. */
    'long-seconds': { type: 'string', default: '90' },
    'keep-logs': { type: 'boolean', default: false },
  },
});
const only = new Set((values.only as string).split(','));
const out = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dir = mkdtempSync(join(tmpdir(), 'digitallz-reliability-faults-'));

// 1. A PostgreSQL cluster and a Redis of our own.
const canCluster =
  process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v pg_createcluster']).status === 0;
if (!canCluster) {
  out('reliability:faults needs root and pg_createcluster (Debian postgresql-common)');
  process.exit(2);
}
const version = execFileSync('sh', ['-c', "pg_lsclusters -h | awk 'NR==1 {print $1}'"], {
  encoding: 'utf8',
}).trim();
const cluster = `dzfaults${process.pid}`;
const pgPort = await freePort();
execFileSync(
  'pg_createcluster',
  [version, cluster, '--port', String(pgPort), '--start', '--', '--auth=trust'],
  {
    stdio: 'ignore',
  },
);
const pgctl = (action: 'stop' | 'start') =>
  execFileSync(
    'pg_ctlcluster',
    [version, cluster, action, ...(action === 'stop' ? ['-m', 'fast'] : [])],
    {
      stdio: 'ignore',
    },
  );
const redisPort = await freePort();
const redisDir = join(dir, 'redis');
execFileSync('mkdir', ['-p', redisDir]);
let redis: ChildProcess | undefined;
const startRedis = async () => {
  redis = spawn(
    'redis-server',
    [
      '--port',
      String(redisPort),
      '--bind',
      '127.0.0.1',
      '--dir',
      redisDir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    if (
      spawnSync('redis-cli', ['-p', String(redisPort), 'ping'])
        .stdout?.toString()
        .includes('PONG')
    )
      return;
    await sleep(100);
  }
  throw new Error('redis-server did not start');
};
await startRedis();
const cleanup = () => {
  redis?.kill('SIGKILL');
  spawnSync('pg_dropcluster', ['--stop', version, cluster], { stdio: 'ignore' });
  if (!values['keep-logs']) rmSync(dir, { recursive: true, force: true });
};
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const databaseUrl = `postgres://postgres@127.0.0.1:${pgPort}/digitallz`;
const redisUrl = `redis://127.0.0.1:${redisPort}`;
out(
  `reliability:faults — PostgreSQL ${version} cluster on :${pgPort}, Redis (append-only) on :${redisPort}`,
);
loadWorld(databaseUrl, 20_000);
buildServers();
const sandbox = await startSandboxServer({ asOf: new Date(), keywords: 20_000 });
/** What the quarantine holds against the malformed answers the sandbox served: the claim checked, not assumed. */
const quarantineLine = (quarantined: number, malformed: number) =>
  `quarantined payloads: ${quarantined} of ${malformed} malformed answers served${
    quarantined === malformed
      ? ' (every one kept aside)'
      : ` (${quarantined < malformed ? `${malformed - quarantined} NOT quarantined` : 'more than served: other bad payloads too'})`
  }`;

/** No fault at all (setFaults merges what it is given into the current faults). */
const NO_FAULTS = FaultsSchema.parse({});
const prefix = 'faults';
const encryptionKey = randomBytes(32).toString('base64');
const authSecret = randomBytes(32).toString('base64url');
const common = {
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  REDIS_KEY_PREFIX: `${prefix}:`,
  DATA_DIR: dir,
  ENCRYPTION_KEYS: `faults:${encryptionKey}`,
  // Production's level: the logs are then searched for secrets.
  LOG_LEVEL: 'info',
};
const logs = { api: join(dir, 'api.log'), worker: join(dir, 'worker.log') };
const apiPort = await freePort();
const startApi = () =>
  startServer('api', { ...common, API_PORT: String(apiPort), AUTH_SECRET: authSecret }, logs.api);
let api = startApi();
const workerPort = await freePort();
const startWorker = () =>
  startServer(
    'worker',
    { ...common, ...sandboxCollection(sandbox.url), WORKER_METRICS_PORT: String(workerPort) },
    logs.worker,
  );
let worker = startWorker();
const base = `http://127.0.0.1:${apiPort}`;
await waitOk(`${base}/ready`, api);
await waitOk(`http://127.0.0.1:${workerPort}/health`, worker);
// Production's Prometheus and alert rules on the API and the worker: when each fault is detected.
const prometheus = prometheusInstalled()
  ? await startPrometheus({ dir, api: apiPort, worker: workerPort })
  : null;
if (!prometheus) out("alert detection not measured: Debian's prometheus is not installed");
const handle = await createDb({ url: databaseUrl });
const [apiKey] = await apiKeyUsers(handle.db, 'faults', 1, [
  'keywords:read',
  'batches:write',
  'batches:read',
]);
const keywords = (
  await queryRows<{ keyword: string }>(
    handle.db,
    sql`select keyword from keyword_data where platform = 'etsy' and marketplace = 'US'
        order by coalesce(search_volume, -1)::float8 desc, id limit 10000`,
  )
).map((r) => r.keyword);

// 2. The prober: 20 requests a second, each failure (no answer within 5 s, or 5xx) kept with its
// time. One in four asks for a keyword not asked before (its answer is in no cache: it needs the
// database); the others for the 100 most searched (cached after their first answer).
const probes: { at: number; ok: boolean; fresh: boolean; status: number }[] = [];
let probing = true;
const prober = (async () => {
  let i = 0;
  while (probing) {
    const fresh = i % 4 === 3;
    const keyword = encodeURIComponent(
      (fresh ? keywords[100 + ((i >> 2) % (keywords.length - 100))] : keywords[i % 100]) as string,
    );
    const path =
      i % 2
        ? `/api/v1/keywords/etsy/${keyword}`
        : `/api/v1/keywords/search?q=${keyword}&platform=etsy`;
    i++;
    const at = Date.now();
    void fetch(`${base}${path}`, {
      headers: { 'x-api-key': apiKey as string },
      signal: AbortSignal.timeout(5_000),
    })
      .then(async (res) => {
        await res.arrayBuffer();
        probes.push({ at, ok: res.status < 500, fresh, status: res.status });
      })
      .catch(() => probes.push({ at, ok: false, fresh, status: 0 }));
    await sleep(50);
  }
})();

// 3. The feeder: a collection job every 2 s, the platforms in turn (within what the marketplaces'
// default rate limits let the worker do); each accepted job is followed to its end.
const producer = createBullQueue({ redisUrl, prefix });
const collect = new Queue('collect', { connection: { url: redisUrl }, prefix });
collect.on('error', () => {});
const accepted: string[] = [];
let refused = 0;
let feeding = true;
const feeder = (async () => {
  let n = 0;
  while (feeding) {
    try {
      const { jobId } = await producer.enqueue('collect.keyword', {
        platform: (['amazon', 'etsy', 'ebay'] as const)[n % 3] ?? 'amazon',
        keyword: (keywords[n % keywords.length] as string).split(' ').slice(0, 2).join(' '),
        observedAt: new Date().toISOString(),
        expand: true,
        budget: 5,
      });
      accepted.push(jobId);
    } catch {
      refused++; // the caller is told: nothing was queued, nothing is lost
    }
    n++;
    await sleep(2_000);
  }
})();

async function jobOutcomes(ids: string[]) {
  const states: Record<string, number> = {};
  for (const id of ids) {
    const state = await collect.getJobState(id).catch(() => 'unreachable');
    states[state] = (states[state] ?? 0) + 1;
  }
  return states;
}

/**
 * Waits until every job accepted so far (the feeder goes on adding) has finished, completed or
 * failed, at most `ms`; returns their states and how long that took.
 */
async function drained(ms: number, ids = [...accepted]) {
  const started = Date.now();
  const deadline = started + ms;
  let states = await jobOutcomes(ids);
  while (Date.now() < deadline) {
    if (Object.keys(states).every((s) => s === 'completed' || s === 'failed')) break;
    await sleep(1_000);
    states = await jobOutcomes(ids);
  }
  return { ids: ids.length, states, seconds: (Date.now() - started) / 1000 };
}
const describeJobs = (d: Awaited<ReturnType<typeof drained>>) =>
  `${d.ids} jobs accepted so far: ${Object.entries(d.states)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ')} (finished ${d.seconds.toFixed(0)} s after the check began)`;

/** Failed probes in [from, to], and the time from `end` to the last failed probe. */
function probeReport(from: number, end: number) {
  const window = probes.filter((p) => p.at >= from);
  const failed = window.filter((p) => !p.ok);
  const fresh = window.filter((p) => p.fresh);
  const lastFailure = failed.reduce((last, p) => Math.max(last, p.at), end);
  const statuses: Record<string, number> = {};
  for (const p of failed)
    statuses[p.status || 'no answer'] = (statuses[p.status || 'no answer'] ?? 0) + 1;
  return {
    text: `API probes: ${failed.length} of ${window.length} failed (uncached ones: ${fresh.filter((p) => !p.ok).length} of ${fresh.length})${failed.length ? ` ${JSON.stringify(statuses)}` : ''}; recovered ${(Math.max(0, lastFailure - end) / 1000).toFixed(1)} s after the fault ended`,
    failed: failed.length,
  };
}

/**
 * Nothing lost, nothing twice, in the data: every keyword job completed since `from` left its
 * week's observation in PostgreSQL, observed at the job's time or later (a later job of the same
 * keyword and week overwrites it), and each keyword has one row per week (the primary key: the
 * check counts rows anyway). Over the last 1,000 completed jobs, what BullMQ keeps.
 */
async function observationCheck(from: number) {
  const jobs = (await collect.getCompleted(0, -1)).filter(
    (job) => job.name === 'collect.keyword' && (job.finishedOn ?? 0) >= from,
  );
  const wanted = jobs.map((job) => ({
    platform: job.data.platform as string,
    marketplace: (job.data.marketplace as string | undefined) ?? 'US',
    keyword: normalizeKeyword(job.data.keyword as string),
    observed_at: job.data.observedAt as string,
  }));
  const [row] = await queryRows<{ found: number; rows: number; pairs: number }>(
    handle.db,
    sql`with wanted as (
          select * from jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb)
            as w(platform text, marketplace text, keyword text, observed_at timestamptz)),
        weeks as (
          select w.*, k.id as keyword_id,
                 date_trunc('week', w.observed_at at time zone 'UTC')::date as period_start
          from wanted w
          left join keyword_data k on k.platform = w.platform and k.marketplace = w.marketplace
            and k.keyword = w.keyword)
        select
          (select count(*)::int from weeks w where exists (
             select 1 from keyword_observations o where o.keyword_id = w.keyword_id
               and o.period_start = w.period_start and o.observed_at >= w.observed_at)) as found,
          (select count(*)::int from keyword_observations o
             where (o.keyword_id, o.period_start) in (select keyword_id, period_start from weeks)) as rows,
          (select count(distinct (keyword_id, period_start))::int from weeks) as pairs`,
  );
  return `data: ${jobs.length} keyword jobs completed since the fault began; ${row?.found ?? 0} of them with their week's observation stored, ${jobs.length - (row?.found ?? 0)} missing; ${row?.rows ?? 0} observation rows for their ${row?.pairs ?? 0} keyword-weeks (one each)`;
}

const results: string[] = [];
/** A fault's report; with `from`, the alerts that went pending or firing from then on. */
const report = (name: string, lines: string[], from?: number) => {
  out(`\n## ${name}`);
  for (const line of lines) out(`  ${line}`);
  if (from !== undefined && prometheus) out(`  ${prometheus.since(from)}`);
  results.push(name);
};

// Batches: what a batch finds, as a checksum of its items.
async function submitBatch(list: string[]) {
  const res = await fetch(`${base}/api/v1/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey as string },
    body: JSON.stringify({ platform: 'etsy', keywords: list, collectMissing: false }),
  });
  if (res.status !== 202) throw new Error(`batch: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}
const batchState = async (id: string) =>
  (
    await queryRows<{ status: string; done: number; total: number; items: number; digest: string }>(
      handle.db,
      sql`select b.status, b.done, b.total,
                 (select count(*)::int from batch_analysis_items i where i.batch_id = b.id) as items,
                 (select md5(coalesce(string_agg(i.position || ':' || i.keyword || ':' || coalesce(i.keyword_id::text, '-'), ',' order by i.position), ''))
                    from batch_analysis_items i where i.batch_id = b.id) as digest
          from batch_analyses b where b.id = ${id}::uuid`,
    )
  )[0];
async function untilBatches(ids: string[], ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const states = await Promise.all(ids.map(batchState));
    if (states.every((s) => s?.status === 'completed' || s?.status === 'failed')) return states;
    await sleep(200);
  }
  return Promise.all(ids.map(batchState));
}

// Before the first fault, every hot keyword has been answered (the first 100 probes ask each of
// them once) and so is in the cache: a keyword first asked while PostgreSQL is down cannot be.
while (probes.length < 200) await sleep(100);

if (only.has('kill-worker')) {
  const list = keywords.slice(0, 10_000);
  const reference = (await untilBatches([await submitBatch(list)], 120_000))[0];
  const ids = await Promise.all([0, 1, 2, 3].map(() => submitBatch(list)));
  // Mid-batch: some items done, not all.
  const deadline = Date.now() + 60_000;
  let done = 0;
  while (Date.now() < deadline) {
    const states = await Promise.all(ids.map(batchState));
    done = states.reduce((sum, s) => sum + (s?.done ?? 0), 0);
    if (done > 0) break;
    await sleep(20);
  }
  const from = Date.now();
  worker.kill('SIGKILL');
  await once(worker, 'exit');
  const killedAt = Date.now();
  worker = startWorker();
  const after = await untilBatches(ids, 180_000);
  const recovered = Date.now();
  const same = after.filter(
    (s) =>
      s?.status === 'completed' && s.digest === reference?.digest && s.items === reference?.total,
  );
  report(
    'kill -9 a worker mid-batch',
    [
      `killed with ${done.toLocaleString('en-US')} of ${(4 * (reference?.total ?? 0)).toLocaleString('en-US')} batch items done; a new worker started at once`,
      `all 4 batches finished ${((recovered - killedAt) / 1000).toFixed(1)} s after the kill (the killed worker's jobs are taken over when their lock expires)`,
      `results: ${same.length} of 4 batches completed with exactly the reference batch's ${reference?.total.toLocaleString('en-US')} items and checksum (${reference?.digest.slice(0, 12)}...)`,
      probeReport(from, killedAt).text,
      await observationCheck(from),
    ],
    from,
  );
}

if (only.has('redis')) {
  const from = Date.now();
  const before = accepted.length;
  const server = redis as ChildProcess;
  server.kill('SIGTERM');
  await once(server, 'exit');
  await sleep(5_000);
  await startRedis();
  const end = Date.now();
  await sleep(15_000);
  const jobs = await drained(120_000);
  report(
    'Redis stopped for 5 s and restarted',
    [
      probeReport(from, end).text,
      `jobs: ${describeJobs(jobs)}; ${jobs.ids - before} of them accepted from the fault on, ${refused} refused to their producer while Redis was down (the caller is told)`,
      await observationCheck(from),
    ],
    from,
  );
}

/** PostgreSQL stopped for `seconds`, then started again; the report once the jobs drained. */
async function stopPostgres(seconds: number) {
  const from = Date.now();
  pgctl('stop');
  await sleep(seconds * 1000);
  pgctl('start');
  const end = Date.now();
  await sleep(15_000);
  const jobs = await drained(180_000);
  report(
    `PostgreSQL stopped for ${seconds} s and restarted`,
    [probeReport(from, end).text, `jobs: ${describeJobs(jobs)}`, await observationCheck(from)],
    from,
  );
}
const longSeconds = Number(values['long-seconds']);
if (only.has('postgres')) await stopPostgres(5);
if (only.has('postgres-long')) await stopPostgres(longSeconds);

if (only.has('api-down')) {
  // The only API process gone: every probe fails until it is back (no replica here); what this
  // fault measures is how soon it is detected and how soon it serves again.
  const from = Date.now();
  api.kill('SIGKILL');
  await once(api, 'exit');
  await sleep(longSeconds * 1000);
  const restarted = Date.now();
  api = startApi();
  await waitOk(`${base}/ready`, api);
  const ready = Date.now();
  await sleep(15_000);
  report(
    `the API killed (kill -9) and down for ${longSeconds} s, then started again`,
    [
      `the new API process ready ${((ready - restarted) / 1000).toFixed(1)} s after its start`,
      probeReport(from, ready).text,
    ],
    from,
  );
}

if (only.has('bad-answers')) {
  const from = Date.now();
  const served = sandbox.stats();
  const [q0] = await queryRows<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from quarantined_payloads`,
  );
  const seconds = Number(values['bad-seconds']);
  sandbox.setFaults({
    ...NO_FAULTS,
    rate429: 0.2,
    rate5xx: 0.2,
    malformedRate: 0.1,
    retryAfterSeconds: 2,
  });
  await sleep(seconds * 1000);
  // Then answers slower than the collectors' 10 s timeout.
  sandbox.setFaults({ ...NO_FAULTS, latencyMs: 12_000 });
  await sleep(30_000);
  sandbox.setFaults(NO_FAULTS);
  const end = Date.now();
  const jobs = await drained(240_000);
  const now = sandbox.stats();
  const [q1] = await queryRows<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from quarantined_payloads`,
  );
  const delta = (k: keyof typeof now) => (now[k] ?? 0) - (served[k] ?? 0);
  report(
    `the sandbox answering 429s (20%), 5xx (20%) and malformed payloads (10%) for ${seconds} s, then timing out for 30 s`,
    [
      `marketplace answers: ${delta('requests')} requests, ${delta('rate-limited')} 429, ${delta('server-error')} 5xx, ${delta('malformed')} malformed`,
      quarantineLine((q1?.n ?? 0) - (q0?.n ?? 0), delta('malformed')),
      probeReport(from, end).text,
      `jobs: ${describeJobs(jobs)}`,
      await observationCheck(from),
    ],
    from,
  );
}

if (only.has('outage')) {
  const from = Date.now();
  const seconds = Number(values['outage-seconds']);
  const before = sandbox.stats().requests;
  sandbox.setFaults({ ...NO_FAULTS, outage: true });
  await sleep(seconds * 1000);
  sandbox.setFaults(NO_FAULTS);
  const end = Date.now();
  const during = sandbox.stats().requests - before;
  const jobs = await drained(300_000);
  report(
    `the marketplace gone for ${seconds} s`,
    [
      `calls that reached it while it was gone: ${during} (the open circuit stops the rest)`,
      probeReport(from, end).text,
      `jobs: ${describeJobs(jobs)}`,
      await observationCheck(from),
    ],
    from,
  );
}

if (only.has('replay')) {
  // Credentials refused (revoked, say): jobs fail for good at once (not retried, and the breaker
  // does not count it). Once they are restored, an operator replays the failed jobs.
  const from = Date.now();
  const firstId = accepted.length;
  sandbox.setFaults({ ...NO_FAULTS, credentialsRefused: true });
  await sleep(30_000);
  sandbox.setFaults(NO_FAULTS);
  const end = Date.now();
  const during = accepted.slice(firstId);
  const before = await drained(120_000);
  const failedIds = [];
  for (const id of during) if ((await collect.getJobState(id)) === 'failed') failedIds.push(id);
  // Not only the fed jobs fail: the worker's own collection jobs (the keywords it collects
  // next, the listings of each) are in the failed set too, by name.
  const failedSet = await collect.getFailed(0, -1);
  const byName = (jobs: { name: string }[]) =>
    JSON.stringify(
      jobs.reduce<Record<string, number>>((n, job) => {
        n[job.name] = (n[job.name] ?? 0) + 1;
        return n;
      }, {}),
    );
  const replayStarted = Date.now();
  const replay = await producer.retryFailed('all');
  const after = await drained(240_000);
  const replayed = await drained(240_000, replay.retried);
  const lost = failedIds.filter((id) => !replay.retried.includes(id));
  const stillFailed = await collect.getFailed(0, -1);
  report(
    'credentials refused for 30 s, then the failed jobs replayed',
    [
      `jobs fed during the fault: ${during.length}; of them failed for good: ${failedIds.length} (a fed job enqueues one job per keyword; those call the marketplace, and a refused credential is not retried)`,
      `the failed set before the replay: ${failedSet.length} jobs ${byName(failedSet)}`,
      `fed jobs before the replay: ${describeJobs(before)}`,
      `replayed: ${replay.retried.length} (the whole failed set); of the fed jobs that failed, ${lost.length} not replayed`,
      `the replayed jobs: ${describeJobs(replayed)}; the failed set after: ${stillFailed.length} jobs`,
      `fed jobs after the replay: ${describeJobs(after)}; the last finished ${((Date.now() - replayStarted) / 1000).toFixed(0)} s after the replay`,
      probeReport(from, end).text,
      await observationCheck(from),
    ],
    from,
  );
}

feeding = false;
probing = false;
await Promise.all([feeder, prober]);
const final = await drained(120_000);
out(`\nall jobs of the run: ${describeJobs(final)}; ${refused} refused at enqueue`);
await Promise.all([collect.close(), producer.close()]);
api.kill('SIGTERM');
worker.kill('SIGTERM');
await Promise.all([api, worker].map((c) => (c.exitCode === null ? once(c, 'exit') : null)));
const leaked = secretsInLogs(Object.values(logs), {
  AUTH_SECRET: authSecret,
  'the encryption key': encryptionKey,
  'the API key': apiKey as string,
});
out(
  `no-secret check of the servers' logs (info level, all faults): ${leaked.length === 0 ? 'none found' : `FOUND ${leaked.join(', ')}`}`,
);
await prometheus?.close();
await handle.close();
await sandbox.close();
process.exit(leaked.length === 0 ? 0 : 1);
