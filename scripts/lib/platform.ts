/**
 * The pieces of the reliability scripts: the servers as production runs them (the build:servers
 * bundles), a database filled with a sandbox world, users with API keys, process memory.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiKey } from '@digitallz/core';
import { type Db, queryRows, sql } from '@digitallz/db';
import { API_HEAP_MB, API_MALLOC_ENV } from './api-node-flags';

export const ROOT = join(import.meta.dirname, '../..');

export const rssMb = (child: ChildProcess) => {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
};

export async function waitOk(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

/** Bundles the API and the worker (npm run build:servers). */
export function buildServers() {
  execFileSync('npm', ['run', '--silent', 'build:servers'], { cwd: ROOT, stdio: 'ignore' });
}

const started: ChildProcess[] = [];
// Whatever happens to the script, the servers it started go with it.
process.on('exit', () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

/**
 * The API or the worker from its bundle, with `env` only (and PATH). With `logFile`, everything
 * it prints (its JSON log) goes there, for the no-secret check; else its errors go to stderr.
 */
export function startServer(
  app: 'api' | 'worker',
  env: Record<string, string>,
  logFile?: string,
): ChildProcess {
  const log = logFile ? openSync(logFile, 'a') : null;
  // The API with production's heap limit and allocator settings (deploy/docker/api.Dockerfile).
  const flags = app === 'api' ? [`--max-old-space-size=${API_HEAP_MB}`] : [];
  const child = spawn(
    process.execPath,
    [...flags, '--enable-source-maps', `apps/${app}/dist/server.mjs`],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        ...(app === 'api' ? API_MALLOC_ENV : {}),
        ...env,
      },
      stdio: log === null ? ['ignore', 'ignore', 'inherit'] : ['ignore', log, log],
    },
  );
  started.push(child);
  return child;
}

/**
 * This machine's PostgreSQL and Redis for a script that makes its own database `name`: the admin
 * URL (BENCH_DATABASE_URL, the server's `test` database by default), the database's URL on the
 * same server, and Redis (BENCH_REDIS_URL).
 */
export function benchServices(name: string) {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${name}`;
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  return { adminUrl, databaseUrl, redisUrl };
}

/** The worker's environment for collecting from the sandbox marketplace at `url`. */
export const sandboxCollection = (url: string) => ({
  MARKETPLACE_BASE_URL: url,
  COLLECT_SOURCE: 'sandbox',
  AMAZON_SP_API_ACCESS_TOKEN: 'sandbox',
  ETSY_API_KEY: 'sandbox',
  EBAY_CLIENT_ID: 'sandbox',
  EBAY_CLIENT_SECRET: 'sandbox',
});

/** The database of `databaseUrl` (re)created and filled by bench:load-data with `keywords` rows. */
export function loadWorld(databaseUrl: string, keywords: number) {
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  execFileSync(
    'npm',
    [
      'run',
      '--silent',
      'bench:load-data',
      '--',
      '--keywords',
      String(keywords),
      '--history',
      String(Math.round(keywords / 10)),
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_ADMIN_URL: admin.toString() },
    },
  );
}

/** `count` Business-plan users named `<tag>-<i>@digitallz.test`, with one API key each. */
export async function apiKeyUsers(
  db: Db,
  tag: string,
  count: number,
  scopes: Parameters<typeof createApiKey>[2]['scopes'],
): Promise<string[]> {
  await db.execute(sql`
    insert into users (email, subscription)
    select ${tag} || '-' || i || '@digitallz.test', 'business' from generate_series(1, ${count}) as i
    on conflict do nothing`);
  const users = await queryRows<{ id: string }>(
    db,
    sql`select id::text as id from users where email like ${`${tag}-%@digitallz.test`} order by email`,
  );
  const keys: string[] = [];
  for (const user of users)
    keys.push(
      (await createApiKey({ db, clock: () => new Date() }, user.id, { name: tag, scopes }, {})).key,
    );
  return keys;
}

/** Which of `secrets` appear in the log files (each secret by its label). */
export function secretsInLogs(files: string[], secrets: Record<string, string>): string[] {
  const text = files.map((file) => readFileSync(file, 'utf8')).join('\n');
  return Object.entries(secrets)
    .filter(([, secret]) => secret.length >= 8 && text.includes(secret))
    .map(([label]) => label);
}
