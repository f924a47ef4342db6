import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createDb, queryRows, sql } from '@digitallz/db';
import { CliError, type Env, print } from '../env';

/** The tables whose row counts a backup and a restore report (the restore drill compares them). */
const COUNTED = ['users', 'keyword_data', 'keyword_observations', 'keyword_lists', 'api_keys'];

function requirePostgres(url: string | undefined, variable: string): string {
  if (!url)
    throw new CliError(
      `${variable} is required: backups use pg_dump against PostgreSQL (the embedded database is the folder DATA_DIR/pglite: copy it while Digitallz is stopped)`,
    );
  return url;
}

/** Runs a PostgreSQL client tool, its errors shown as they are; a missing tool is named. */
function runTool(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (d) => (errors += d));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new CliError(
          error.code === 'ENOENT'
            ? `${tool} is not installed (Debian: apt-get install postgresql-client)`
            : `${tool} failed: ${error.message}`,
        ),
      ),
    );
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new CliError(`${tool} failed (exit ${code}): ${errors.trim()}`)),
    );
  });
}

async function rowCounts(url: string): Promise<string> {
  const database = await createDb({ url });
  try {
    const counts = await Promise.all(
      COUNTED.map(async (table) => {
        const [row] = await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from ${sql.identifier(table)}`,
        );
        return `${table} ${row?.n ?? 0}`;
      }),
    );
    return counts.join(', ');
  } finally {
    await database.close();
  }
}

/** `digitallz backup --out FILE`: a pg_dump archive (custom format) of DATABASE_URL. */
export async function backupCommand(env: Env, options: { out: string }) {
  const url = requirePostgres(env.DATABASE_URL, 'DATABASE_URL');
  if (existsSync(options.out)) throw new CliError(`${options.out} exists: not overwriting it`);
  await runTool('pg_dump', [
    '--format=custom',
    '--no-owner',
    '--no-acl',
    `--file=${options.out}`,
    url,
  ]);
  print(
    `backup written: ${options.out} (${Math.round(statSync(options.out).size / 1024)} KiB; ${await rowCounts(url)})`,
  );
}

/**
 * `digitallz restore --from FILE [--database-url URL]`: restores a backup into an empty database,
 * in one transaction (a failure leaves it empty), then prints its row counts.
 */
export async function restoreCommand(env: Env, options: { from: string; databaseUrl?: string }) {
  const url = requirePostgres(options.databaseUrl ?? env.DATABASE_URL, 'DATABASE_URL');
  if (!existsSync(options.from)) throw new CliError(`${options.from} does not exist`);
  const target = await createDb({ url });
  try {
    const [row] = await queryRows<{ n: number }>(
      target.db,
      sql`select count(*)::int as n from pg_tables where schemaname = 'public'`,
    );
    if ((row?.n ?? 0) > 0)
      throw new CliError(
        'the target database is not empty: restore into a new database (createdb), then point DATABASE_URL at it',
      );
  } finally {
    await target.close();
  }
  await runTool('pg_restore', [
    '--no-owner',
    '--no-acl',
    '--exit-on-error',
    '--single-transaction',
    `--dbname=${url}`,
    options.from,
  ]);
  print(`restored ${options.from}: ${await rowCounts(url)}`);
}
