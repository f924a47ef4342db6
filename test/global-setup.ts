import { randomBytes } from 'node:crypto';
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createDb, createPglite, migrationsFingerprint, openPglite } from '@digitallz/db';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import './services';

const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

/**
 * Finds the real PostgreSQL and Redis servers and prepares a migrated template database.
 * Outside CI a server that does not answer is left out (its tests are reported as skipped);
 * with CI=true it fails the run.
 */
export default async function setup(project: TestProject) {
  const required = process.env.CI === 'true';
  const runId = randomBytes(4).toString('hex');
  const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_POSTGRES;
  const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? DEFAULT_REDIS;

  const postgresUp = await reachable('PostgreSQL', postgresUrl, pingPostgres, required);
  const redisUp = await reachable('Redis', redisUrl, pingRedis, required);
  const postgresTemplate = postgresUp ? await ensureTemplate(postgresUrl) : null;

  project.provide('services', {
    pgliteTemplate: await ensurePgliteTemplate(),
    postgresAdminUrl: postgresUp ? postgresUrl : null,
    postgresTemplate,
    redisUrl: redisUp ? redisUrl : null,
    runId,
  });

  return async () => {
    if (postgresUp) await dropRunDatabases(postgresUrl, runId);
    if (redisUp) await deleteRunKeys(redisUrl, runId);
  };
}

async function reachable(
  name: string,
  url: string,
  ping: (url: string) => Promise<void>,
  required: boolean,
): Promise<boolean> {
  try {
    await ping(url);
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (required)
      throw new Error(`${name} is unreachable at ${redact(url)} (CI=true needs it): ${reason}`);
    process.stderr.write(
      `warning: ${name} unreachable at ${redact(url)}; its integration tests are skipped\n`,
    );
    return false;
  }
}

async function pingPostgres(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  await client.end();
}

async function pingRedis(url: string) {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

/** Creates `dz_tmpl_<fingerprint>` once per set of migrations: built under a temporary name, then renamed. */
async function ensureTemplate(adminUrl: string): Promise<string> {
  const name = `dz_tmpl_${migrationsFingerprint()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(7246312)');
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) return name;
    const building = `${name}_building`;
    await admin.query(`drop database if exists "${building}" with (force)`);
    await admin.query(`create database "${building}"`);
    const handle = await createDb({ url: withDatabase(adminUrl, building) });
    await handle.migrate();
    await handle.close();
    await admin.query(`alter database "${building}" rename to "${name}"`);
    return name;
  } finally {
    await admin.query('select pg_advisory_unlock(7246312)').catch(() => {});
    await admin.end();
  }
}

/**
 * The files of a migrated PGlite database, written once per set of migrations and PGlite version:
 * each test's embedded database starts from them instead of running initdb and the migrations
 * (about 5 s, once in each test file's process). Smaller than an embedded install's, so that each
 * test's database loads in half the time (0.5 s instead of 1 s here): write-ahead log segments of
 * 1 MB instead of 16, and no template databases (tests create no database in PGlite).
 */
async function ensurePgliteTemplate(): Promise<string> {
  // Its package.json is not exported: found beside its entry (dist/index.cjs).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pglite = JSON.parse(readFileSync(join(dirname(entry), '../package.json'), 'utf8')) as {
    version: string;
  };
  const name = `digitallz-pglite-${pglite.version}-${migrationsFingerprint()}.tar`;
  const path = join(tmpdir(), name);
  if (existsSync(path)) return path;
  // Those of other migrations or versions, a day old: not read again (a run of another checkout
  // may be reading a newer one).
  for (const old of readdirSync(tmpdir())) {
    if (!/^digitallz-pglite-.*\.tar$/.test(old)) continue;
    const file = join(tmpdir(), old);
    const written = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (Date.now() - written > 86_400_000) rmSync(file, { force: true });
  }
  const client = await openPglite(undefined, { initDbStartParams: ['--wal-segsize=1'] });
  try {
    await createPglite(client).migrate();
    for (const template of ['template1', 'template0']) {
      await client.exec(`alter database ${template} is_template false`);
      await client.exec(`drop database ${template}`);
    }
    await client.exec('checkpoint');
    const files = await client.dumpDataDir('none');
    // Written under another name, then renamed: a run beside this one never reads half a file.
    const building = `${path}.${process.pid}`;
    writeFileSync(building, new Uint8Array(await files.arrayBuffer()));
    renameSync(building, path);
  } finally {
    await client.close();
  }
  return path;
}

async function dropRunDatabases(adminUrl: string, runId: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    'select datname from pg_database where datname like $1',
    [`dz_t_${runId}_%`],
  );
  for (const { datname } of rows)
    await admin.query(`drop database if exists "${datname}" with (force)`);
  await admin.end();
}

async function deleteRunKeys(url: string, runId: string) {
  const redis = new Redis(url);
  const stream = redis.scanStream({ match: `test:${runId}:*`, count: 500 });
  for await (const keys of stream)
    if ((keys as string[]).length) await redis.del(...(keys as string[]));
  redis.disconnect();
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
