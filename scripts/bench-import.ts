/**
 * npm run bench:import -- [--mb 50] [--embedded] [--api-log FILE]
 *
 * A large report uploaded to the API and imported by the worker, as production runs them (the
 * build:servers bundles, the API with its heap limit) on this machine's PostgreSQL and Redis:
 * a `keyword,platform,volume` CSV of `--mb` megabytes (the API takes up to 50) is sent to
 * `POST /api/v1/imports`, then its import is followed to the end. Prints how long the upload's
 * request took (the API checks the header and keeps the file), how long the job took, the rows
 * imported, the API's and the worker's memory (RSS, sampled every 250 ms), and how long the
 * API took to answer `GET /ready` (a database and cache ping) every 100 ms while the job ran.
 * `--embedded`: the API alone on its embedded defaults (PGlite in a folder, jobs in-process), as
 * `npm start` runs it; the user and key are made through the API.
 * `--parse-only`: no servers; the same report read by the import's parser in this process, three
 * times (MB/s and rows/s each); `--reader` names another checkout's `parse-import.ts` to compare
 * (its `readImport` yielding lines one at a time, or in batches as now).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '@digitallz/core/testing';
import { createDb, sql } from '@digitallz/db';
import {
  apiKeyUsers,
  benchServices,
  buildServers,
  rssMb,
  startServer,
  waitOk,
} from './lib/platform';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '50' },
    embedded: { type: 'boolean', default: false },
    /** A file for the API's log (its errors go to stderr otherwise). */
    'api-log': { type: 'string' },
    'parse-only': { type: 'boolean', default: false },
    reader: { type: 'string', default: 'packages/core/src/imports/parse-import.ts' },
  },
});
const DATABASE = 'dz_bench_import';
const { adminUrl, databaseUrl, redisUrl } = benchServices(DATABASE);
const out = (line: string) => process.stdout.write(`${line}\n`);
const dir = mkdtempSync(join(tmpdir(), 'digitallz-bench-import-'));
const prefix = `bench-import-${Date.now().toString(36)}`;

/** A volume CSV of up to `bytes` bytes: digital-product keywords over the three platforms. */
function report(bytes: number): Buffer {
  const platforms = ['etsy', 'amazon', 'ebay'];
  const words = ['printable', 'planner', 'svg', 'template', 'wall art', 'wedding', 'teacher'];
  const lines = ['keyword,platform,volume'];
  let size = lines[0]?.length ?? 0;
  for (let i = 0; ; i++) {
    const line = `${words[i % 7]} ${words[(i >> 3) % 7]} bundle ${i},${platforms[i % 3]},${(i * 7919) % 50_000}`;
    if (size + line.length + 2 > bytes) break;
    lines.push(line);
    size += line.length + 1;
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

out(
  `bench:import — ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}${values.embedded ? ', embedded (PGlite, jobs in the API)' : ''}`,
);
if (values['parse-only']) await parseOnly(report(Number(values.mb) * 1024 * 1024));
buildServers();
const secrets = { DATA_DIR: dir, ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}` };
const common = values.embedded ? secrets : { ...secrets, ...(await servicesOnThisMachine()) };
const apiPort = await freePort();
const api = startServer(
  'api',
  {
    ...common,
    API_PORT: String(apiPort),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
  },
  values['api-log'],
);
const base = `http://127.0.0.1:${apiPort}`;
await waitOk(`${base}/ready`, api);
// After the API: it migrated the database. Embedded, the API runs the jobs itself.
const worker = values.embedded ? null : await startWorker();
const headers = values.embedded ? await signedUp() : await keyOfNewUser();
const body = report(Number(values.mb) * 1024 * 1024);
const peak = { api: 0, worker: 0 };
const sampler = setInterval(() => {
  peak.api = Math.max(peak.api, rssMb(api));
  if (worker) peak.worker = Math.max(peak.worker, rssMb(worker));
}, 250);

/** A fresh PostgreSQL database and Redis prefix of this machine's servers. */
async function servicesOnThisMachine() {
  const admin = await createDb({ url: adminUrl });
  await admin.db.execute(sql.raw(`drop database if exists ${DATABASE} with (force)`));
  await admin.db.execute(sql.raw(`create database ${DATABASE}`));
  await admin.close();
  return {
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    REDIS_KEY_PREFIX: `${prefix}:`,
  };
}

async function startWorker() {
  const port = await freePort();
  const child = startServer('worker', { ...common, WORKER_METRICS_PORT: String(port) });
  await waitOk(`http://127.0.0.1:${port}/health`, child);
  return child;
}

/** A business user's API key, made in the database. */
async function keyOfNewUser(): Promise<Record<string, string>> {
  const handle = await createDb({ url: databaseUrl.toString() });
  const [key] = await apiKeyUsers(handle.db, 'bench-import', 1, ['imports:write']);
  await handle.close();
  return { 'x-api-key': key as string };
}

/** A new user's access token, through the API (the embedded database is the API's alone). */
async function signedUp(): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'bench-import@digitallz.test',
      password: randomBytes(12).toString('hex'),
    }),
  });
  if (!res.ok) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return { authorization: `Bearer ${accessToken}` };
}

/** `GET /ready` every 100 ms until `stop`: how long the API takes to answer while a job runs. */
function probeReady() {
  const times: number[] = [];
  let notReady = 0;
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const at = performance.now();
      const res = await fetch(`${base}/ready`);
      await res.arrayBuffer();
      if (res.status !== 200) notReady++;
      times.push(performance.now() - at);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return async () => {
    stopped = true;
    await done;
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
    return `${times.length} answers, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms, ${notReady} not ready`;
  };
}

const started = performance.now();
const stopProbe = probeReady();
const res = await fetch(`${base}/api/v1/imports?kind=csv&filename=bench.csv`, {
  method: 'POST',
  headers: { ...headers, 'content-type': 'text/csv' },
  body,
});
const accepted = performance.now();
if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
const { path } = (await res.json()) as { path: string };
let last = '';
type Found = { status: string; progress: number; imported: number; skippedCount: number };
let found: Found;
for (;;) {
  found = (await (await fetch(`${base}${path}`, { headers })).json()) as Found;
  if (found.status === 'completed' || found.status === 'failed') break;
  // A line per tenth of the file read.
  const step = `${found.status} ${Math.floor(found.progress / 10) * 10}%`;
  if (step !== last)
    out(
      `  ${((performance.now() - started) / 1000).toFixed(0)} s: ${found.status} ${found.progress}%`,
    );
  last = step;
  await new Promise((resolve) => setTimeout(resolve, 2_000));
}
const finished = performance.now();
clearInterval(sampler);
const during = await stopProbe();

out(`report: ${(body.length / 1024 / 1024).toFixed(1)} MB`);
out(`upload answered 202 in ${((accepted - started) / 1000).toFixed(2)} s`);
out(`import ${found.status} in ${((finished - accepted) / 1000).toFixed(1)} s more:`);
out(`  ${found.imported.toLocaleString('en-US')} rows, ${found.skippedCount} skipped`);
out(
  `RSS at most: API ${peak.api.toFixed(0)} MB${worker ? `, worker ${peak.worker.toFixed(0)} MB` : ''}`,
);
out(`GET /ready while it ran: ${during}`);
api.kill('SIGTERM');
worker?.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
process.exit(found.status === 'completed' ? 0 : 1);

/** Reads the report with the import's parser (`--reader`), three times, and exits. */
async function parseOnly(bytes: Buffer): Promise<never> {
  const path = resolve(values.reader);
  const { readImport } = (await import(path)) as {
    readImport(kind: 'csv', bytes: Uint8Array): AsyncIterable<unknown>;
  };
  out(`parser: ${path}`);
  for (let run = 1; run <= 3; run++) {
    const started = performance.now();
    let rows = 0;
    for await (const item of readImport('csv', bytes))
      rows += Array.isArray(item) ? item.length : 1;
    const seconds = (performance.now() - started) / 1000;
    out(
      `run ${run}: ${rows.toLocaleString('en-US')} rows of ${(bytes.length / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s: ` +
        `${(bytes.length / 1e6 / seconds).toFixed(1)} MB/s, ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s`,
    );
  }
  process.exit(0);
}
