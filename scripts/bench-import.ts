/**
 * npm run bench:import -- [--mb 50] [--api-log FILE]
 *
 * A large report uploaded to the API and imported by the worker, as production runs them (the
 * build:servers bundles, the API with its heap limit) on this machine's PostgreSQL and Redis:
 * a `keyword,platform,volume` CSV of `--mb` megabytes (the API takes up to 50) is sent to
 * `POST /api/v1/imports`, then its import is followed to the end. Prints how long the upload's
 * request took (the API checks the header and keeps the file), how long the job took, the rows
 * imported, and the API's and the worker's memory (RSS, sampled every 250 ms).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
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
    /** A file for the API's log (its errors go to stderr otherwise). */
    'api-log': { type: 'string' },
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

out(`bench:import — ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}`);
const admin = await createDb({ url: adminUrl });
await admin.db.execute(sql.raw(`drop database if exists ${DATABASE} with (force)`));
await admin.db.execute(sql.raw(`create database ${DATABASE}`));
await admin.close();
buildServers();
const common = {
  DATABASE_URL: databaseUrl.toString(),
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  REDIS_KEY_PREFIX: `${prefix}:`,
  DATA_DIR: dir,
  ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
};
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
// After the API: it migrated the database.
const workerPort = await freePort();
const worker = startServer('worker', { ...common, WORKER_METRICS_PORT: String(workerPort) });
await waitOk(`http://127.0.0.1:${workerPort}/health`, worker);

const handle = await createDb({ url: databaseUrl.toString() });
const [key] = await apiKeyUsers(handle.db, 'bench-import', 1, ['imports:write']);
const headers = { 'x-api-key': key as string };
const body = report(Number(values.mb) * 1024 * 1024);
const peak = { api: 0, worker: 0 };
const sampler = setInterval(() => {
  peak.api = Math.max(peak.api, rssMb(api));
  peak.worker = Math.max(peak.worker, rssMb(worker));
}, 250);

const started = performance.now();
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

out(`report: ${(body.length / 1024 / 1024).toFixed(1)} MB`);
out(`upload answered 202 in ${((accepted - started) / 1000).toFixed(2)} s`);
out(`import ${found.status} in ${((finished - accepted) / 1000).toFixed(1)} s more:`);
out(`  ${found.imported.toLocaleString('en-US')} rows, ${found.skippedCount} skipped`);
out(`RSS at most: API ${peak.api.toFixed(0)} MB, worker ${peak.worker.toFixed(0)} MB`);
await handle.close();
api.kill('SIGTERM');
worker.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
process.exit(found.status === 'completed' ? 0 : 1);
